// `npm run check:imports` (part of `npm test`): the import rules the build cannot see, checked on the source.
//
// 1. The content script (entrypoints/chatgpt.content) runs on every ChatGPT page and must stay
//    small: nothing it imports as a value, directly or through other modules, may be zod, idb or
//    webextension-polyfill (`import type` is fine: it leaves no code behind).
// 2. No import cycle among the project's own modules (value imports; a cycle makes the order in
//    which modules initialise depend on which one is loaded first).
//
// It reads the TypeScript sources with the compiler's parser and resolves imports with the
// project's tsconfig, so aliases resolve as they do in the build. Exits 1 with every finding.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import ts from 'typescript';

// The project's root; a test passes another (a small tree with its own tsconfig.json).
const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..'));
const SOURCE_DIRS = ['entrypoints', 'components', 'lib'];
const CONTENT_ENTRY = 'entrypoints/chatgpt.content/index.tsx';
const FORBIDDEN_IN_CONTENT = ['zod', 'idb', 'webextension-polyfill'];

const configPath = path.join(root, 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
if (!config) throw new Error('tsconfig.json could not be read');
const host = ts.createCompilerHost(config.options);

function sourceFiles(dir) {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The module specifiers a file imports as values: static imports and re-exports (`dynamic` apart). */
function valueImports(file) {
  const text = ts.sys.readFile(file) ?? '';
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) found.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push({ specifier: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push({ specifier: arg.text, dynamic: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A project file's absolute path, or the package name an import reaches. */
function resolve(specifier, from) {
  const resolved = ts.resolveModuleName(specifier, from, config.options, host).resolvedModule;
  if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes(`${path.sep}node_modules${path.sep}`)) {
    return { file: path.resolve(resolved.resolvedFileName) };
  }
  const parts = specifier.split('/');
  return { packageName: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

const files = SOURCE_DIRS.flatMap(sourceFiles).map((file) => path.resolve(file));
const graph = new Map();
for (const file of files) {
  graph.set(
    file,
    valueImports(file).map((entry) => ({ ...entry, ...resolve(entry.specifier, file) })),
  );
}
const rel = (file) => path.relative(root, file);
const problems = [];

// 1. What the content script pulls in, through every value import, dynamic ones included (a
//    dynamic import is a chunk the page loads).
{
  const entry = path.join(root, CONTENT_ENTRY);
  const via = new Map([[entry, null]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    for (const edge of graph.get(file) ?? []) {
      if (edge.packageName) {
        if (FORBIDDEN_IN_CONTENT.includes(edge.packageName)) {
          const chain = [rel(file)];
          for (let at = via.get(file); at; at = via.get(at)) chain.unshift(rel(at));
          problems.push(`the content script imports ${edge.specifier} as a value: ${chain.join(' → ')} → ${edge.specifier}`);
        }
      } else if (edge.file && !via.has(edge.file)) {
        via.set(edge.file, file);
        queue.push(edge.file);
      }
    }
  }
}

// 2. Cycles among static value imports (Tarjan's strongly connected components).
{
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const strongConnect = (file) => {
    indexOf.set(file, index);
    low.set(file, index);
    index++;
    stack.push(file);
    onStack.add(file);
    for (const edge of graph.get(file) ?? []) {
      if (edge.dynamic || !edge.file || !graph.has(edge.file)) continue;
      if (!indexOf.has(edge.file)) {
        strongConnect(edge.file);
        low.set(file, Math.min(low.get(file), low.get(edge.file)));
      } else if (onStack.has(edge.file)) {
        low.set(file, Math.min(low.get(file), indexOf.get(edge.file)));
      }
    }
    if (low.get(file) === indexOf.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = (graph.get(file) ?? []).some((edge) => !edge.dynamic && edge.file === file);
      if (component.length > 1 || selfImport) problems.push(`import cycle: ${component.map(rel).sort().join(' ↔ ')}`);
    }
  };
  for (const file of graph.keys()) if (!indexOf.has(file)) strongConnect(file);
}

if (problems.length) {
  console.error(`check-imports: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`check-imports: ${files.length} modules, no import cycle; the content script imports none of ${FORBIDDEN_IN_CONTENT.join(', ')} as a value.`);

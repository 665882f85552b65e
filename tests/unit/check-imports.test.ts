import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// scripts/check-imports.mjs on small trees: it must fail on what it exists to catch.
const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/check-imports.mjs');
const roots: string[] = [];

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'check-imports-'));
  roots.push(root);
  const all = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx' } }),
    'components/.keep.ts': '',
    'lib/.keep.ts': '',
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(process.execPath, [SCRIPT, root], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string };
    return { ok: false, output: failed.stdout + failed.stderr };
  }
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('check-imports', () => {
  it('passes a content script that imports zod and idb only as types', () => {
    const result = check(
      tree({
        'entrypoints/chatgpt.content/index.tsx': "import { rule } from '../../lib/rule';\nexport const x = rule;\n",
        'lib/rule.ts': "import type { z } from 'zod';\nimport { type IDBPDatabase } from 'idb';\nexport const rule = 1;\nexport type T = z.ZodType | IDBPDatabase;\n",
      }),
    );
    expect(result.output).toContain('no import cycle');
    expect(result.ok).toBe(true);
  });

  it('fails on a value import of zod two modules away from the content script, naming the chain', () => {
    const result = check(
      tree({
        'entrypoints/chatgpt.content/index.tsx': "import { rule } from '../../lib/rule';\nexport const x = rule;\n",
        'lib/rule.ts': "import { schema } from './schema';\nexport const rule = schema;\n",
        'lib/schema.ts': "import { z } from 'zod';\nexport const schema = z.string();\n",
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain(
      'the content script imports zod as a value: entrypoints/chatgpt.content/index.tsx → lib/rule.ts → lib/schema.ts → zod',
    );
  });

  it('fails on the polyfill or idb reached by a re-export or a dynamic import', () => {
    const result = check(
      tree({
        'entrypoints/chatgpt.content/index.tsx': "export * from '../../lib/again';\nexport const later = () => import('../../lib/store');\n",
        'lib/again.ts': "export { default as browser } from 'webextension-polyfill';\n",
        'lib/store.ts': "import { openDB } from 'idb';\nexport const open = openDB;\n",
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.output).toContain('imports webextension-polyfill as a value');
    expect(result.output).toContain('imports idb as a value');
  });

  it('fails on an import cycle, and not on one closed only by a type import or a dynamic import', () => {
    const cyclic = check(
      tree({
        'entrypoints/chatgpt.content/index.tsx': 'export const x = 1;\n',
        'components/Form.tsx': "import { save } from './actions';\nexport const Form = () => save;\n",
        'components/actions.ts': "export { Form } from './Form';\nexport const save = 1;\n",
      }),
    );
    expect(cyclic.ok).toBe(false);
    expect(cyclic.output).toContain('import cycle: components/Form.tsx ↔ components/actions.ts');

    const fine = check(
      tree({
        'entrypoints/chatgpt.content/index.tsx': 'export const x = 1;\n',
        'components/Form.tsx': "import type { Save } from './actions';\nexport const Form = (s: Save) => s;\n",
        'components/actions.ts': "export type Save = number;\nexport const lazyForm = () => import('./Form');\n",
      }),
    );
    expect(fine.output).toContain('no import cycle');
    expect(fine.ok).toBe(true);
  });
});

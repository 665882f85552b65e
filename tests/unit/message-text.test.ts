// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { AnchorDraft } from '../../lib/model/anchor';
import { readMessageText } from '../../lib/chatgpt/message-text';
import { parseAnchorText } from '../../lib/log/parse';

/** An assistant message as ChatGPT renders it, with the hidden caption screen readers get. */
function message(html: string): Element {
  const root = document.createElement('div');
  root.setAttribute('data-message-author-role', 'assistant');
  root.innerHTML = `<h4 class="sr-only">ChatGPT said:</h4><div class="markdown prose">${html}</div>`;
  return root;
}

const EXPECTED: AnchorDraft = {
  name: 'Capstone_Step9_Admin',
  context: 'Admin panel routes done; auth middleware in place.',
  milestone: 'CRUD for users merged.',
  nextAction: 'Add role checks to /admin/*.',
  dependencies: ['JWT_SECRET in .env', 'Postgres 16'],
};

const PLAIN_FIELDS =
  'Context: Admin panel routes done; auth middleware in place.\nCurrent milestone: CRUD for users merged.\nNext action: Add role checks to /admin/*.\nDependencies: JWT_SECRET in .env; Postgres 16';
const FIELDS_HTML =
  'Context: Admin panel routes done; auth middleware in place.<br>Current milestone: CRUD for users merged.<br>Next action: Add role checks to /admin/*.<br>Dependencies: JWT_SECRET in .env; Postgres 16';
const BOLD_FIELDS_MD = [
  '**Context:**',
  'Admin panel routes done; auth middleware in place.',
  '',
  '**Current milestone:**',
  'CRUD for users merged.',
  '',
  '**Next action:**',
  'Add role checks to /admin/*.',
  '',
  '**Dependencies:**',
  '',
  '- JWT_SECRET in .env',
  '- Postgres 16',
].join('\n');
const BOLD_FIELDS_HTML =
  '<p><strong>Context:</strong><br>Admin panel routes done; auth middleware in place.</p>' +
  '<p><strong>Current milestone:</strong><br>CRUD for users merged.</p>' +
  '<p><strong>Next action:</strong><br>Add role checks to /admin/*.</p>' +
  '<p><strong>Dependencies:</strong></p>\n<ul>\n<li>JWT_SECRET in .env</li>\n<li>Postgres 16</li>\n</ul>';

/** [what it is, the markdown ChatGPT wrote, the HTML it rendered]. */
const VARIANTS: [string, string, string][] = [
  ['the plain template answer, line breaks as <br>', `Resume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}`, `<p>Resume from anchor: [Capstone_Step9_Admin]<br>${FIELDS_HTML}</p>`],
  ['the plain template answer, line breaks as newlines', `Resume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}`, `<p>Resume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}</p>`],
  ['bold label name line', `**Resume from anchor:** [Capstone_Step9_Admin]\n\n${BOLD_FIELDS_MD}`, `<p><strong>Resume from anchor:</strong> [Capstone_Step9_Admin]</p>${BOLD_FIELDS_HTML}`],
  ['bold name', `Resume from anchor: **[Capstone_Step9_Admin]**\n\n${BOLD_FIELDS_MD}`, `<p>Resume from anchor: <strong>[Capstone_Step9_Admin]</strong></p>${BOLD_FIELDS_HTML}`],
  ['lost first letter', `esume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}`, `<p>esume from anchor: [Capstone_Step9_Admin]<br>${FIELDS_HTML}</p>`],
  ['✅ loaded, bold', `✅ Anchor **[Capstone_Step9_Admin]** loaded successfully.\n\n${BOLD_FIELDS_MD}`, `<p>✅ Anchor <strong>[Capstone_Step9_Admin]</strong> loaded successfully.</p>${BOLD_FIELDS_HTML}`],
  ['✅ loaded, code', `✅ Anchor \`[Capstone_Step9_Admin]\` loaded successfully.\n\n${BOLD_FIELDS_MD}`, `<p>✅ Anchor <code>[Capstone_Step9_Admin]</code> loaded successfully.</p>${BOLD_FIELDS_HTML}`],
  ['no brackets', `Resume from anchor: Capstone_Step9_Admin\n${PLAIN_FIELDS}`, `<p>Resume from anchor: Capstone_Step9_Admin<br>${FIELDS_HTML}</p>`],
  [
    'labels as separate paragraphs',
    `Resume from anchor: [Capstone_Step9_Admin]\n\n${BOLD_FIELDS_MD.replace(/:\*\*\n/g, ':**\n\n')}`,
    '<p>Resume from anchor: [Capstone_Step9_Admin]</p>' +
      '<p><strong>Context:</strong></p><p>Admin panel routes done; auth middleware in place.</p>' +
      '<p><strong>Current milestone:</strong></p><p>CRUD for users merged.</p>' +
      '<p><strong>Next action:</strong></p><p>Add role checks to /admin/*.</p>' +
      '<p><strong>Dependencies:</strong></p><ul><li>JWT_SECRET in .env</li><li>Postgres 16</li></ul>',
  ],
  [
    'fields as a bulleted list',
    '**Resume from anchor:** [Capstone_Step9_Admin]\n\n- **Context:** Admin panel routes done; auth middleware in place.\n- **Current milestone:** CRUD for users merged.\n- **Next action:** Add role checks to /admin/*.\n- **Dependencies:** JWT_SECRET in .env; Postgres 16',
    '<p><strong>Resume from anchor:</strong> [Capstone_Step9_Admin]</p><ul>' +
      '<li><strong>Context:</strong> Admin panel routes done; auth middleware in place.</li>' +
      '<li><strong>Current milestone:</strong> CRUD for users merged.</li>' +
      '<li><strong>Next action:</strong> Add role checks to /admin/*.</li>' +
      '<li><strong>Dependencies:</strong> JWT_SECRET in .env; Postgres 16</li></ul>',
  ],
  [
    'labels as headings, loose list',
    '### Resume from anchor: [Capstone_Step9_Admin]\n\n### Context\n\nAdmin panel routes done; auth middleware in place.\n\n### Current milestone\n\nCRUD for users merged.\n\n### Next action\n\nAdd role checks to /admin/*.\n\n### Dependencies\n\n- JWT_SECRET in .env\n\n- Postgres 16',
    '<h3>Resume from anchor: [Capstone_Step9_Admin]</h3><h3>Context</h3><p>Admin panel routes done; auth middleware in place.</p>' +
      '<h3>Current milestone</h3><p>CRUD for users merged.</p><h3>Next action</h3><p>Add role checks to /admin/*.</p>' +
      '<h3>Dependencies</h3><ul><li><p>JWT_SECRET in .env</p></li><li><p>Postgres 16</p></li></ul>',
  ],
  [
    'chatter around the anchor, a rule before the closing line',
    `Here is your anchor:\n\nResume from anchor: [Capstone_Step9_Admin]\n\n${BOLD_FIELDS_MD}\n\n---\n\nLet me know if you want changes.`,
    `<p>Here is your anchor:</p><p>Resume from anchor: [Capstone_Step9_Admin]</p>${BOLD_FIELDS_HTML}<hr><p>Let me know if you want changes.</p>`,
  ],
  [
    'a 2024 code block with its header and Copy button',
    `Sure:\n\n\`\`\`markdown\nResume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}\n\`\`\`\n\nAnything else?`,
    '<p>Sure:</p><pre class="!overflow-visible"><div class="contain-inline-size"><div class="flex items-center">markdown</div>' +
      '<div class="sticky"><button aria-label="Copy">Copy code</button></div>' +
      `<div class="overflow-y-auto"><code class="whitespace-pre! language-markdown"><span>Resume from anchor: [Capstone_Step9_Admin]\n</span>${PLAIN_FIELDS.replace(/; /g, '<span class="hljs-punctuation">;</span> ')}\n</code></div></div></pre>` +
      '<p>Anything else?</p>',
  ],
  [
    'a 2026 CodeMirror block with .cm-line rows',
    `\`\`\`\nResume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}\n\`\`\``,
    '<pre><div class="cm-header">text<button>Copy</button></div><div class="cm-editor"><div class="cm-scroller"><div class="cm-content" contenteditable="false">' +
      ['Resume from anchor: [Capstone_Step9_Admin]', ...PLAIN_FIELDS.split('\n')].map((l) => `<div class="cm-line">${l}</div>`).join('') +
      '</div></div></div></pre>',
  ],
  [
    'a 2026 CodeMirror block split by <br>, outside any <pre>',
    `\`\`\`\nResume from anchor: [Capstone_Step9_Admin]\n${PLAIN_FIELDS}\n\`\`\``,
    `<div class="cm-editor"><div class="cm-content">Resume from anchor: [Capstone_Step9_Admin]<br>${FIELDS_HTML}</div></div>`,
  ],
];

describe('a rendered reply reads like the markdown it came from', () => {
  it.each(VARIANTS)('%s', (_, markdown, html) => {
    const fromPage = parseAnchorText(readMessageText(message(html)));
    const fromText = parseAnchorText(markdown);
    expect(fromText).toMatchObject({ ok: true, draft: EXPECTED });
    expect(fromPage).toEqual(fromText);
  });
});

describe('readMessageText', () => {
  it('writes the markdown a person would copy', () => {
    const html =
      '<p>Intro with <em>stress</em>, <a href="https://x.test">a link</a> and <code>a`b</code>.</p>' +
      '<ul><li>one<ul><li>nested</li></ul></li><li><strong>two</strong></li></ul>' +
      '<blockquote><p>quoted</p></blockquote>' +
      '<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>';
    expect(readMessageText(message(html))).toBe(
      'Intro with *stress*, a link and ``a`b``.\n\n- one\n- nested\n- **two**\n\nquoted\n\na | b\nc | d',
    );
  });

  it('keeps code lines as written, indentation and blank lines included', () => {
    const html = '<pre><code class="language-py">def f():\n    return 1\n\nf()\n</code></pre>';
    expect(readMessageText(message(html))).toBe('```\ndef f():\n    return 1\n\nf()\n```');
  });

  it('reads empty CodeMirror lines', () => {
    const html = '<div class="cm-editor"><div class="cm-content"><div class="cm-line">a</div><div class="cm-line"><br></div><div class="cm-line">b</div></div></div>';
    expect(readMessageText(message(html))).toBe('```\na\n\nb\n```');
  });

  it('leaves out screen-reader captions and buttons', () => {
    expect(readMessageText(message('<p>Hello<button>Copy</button><span class="sr-only">(hidden)</span></p>'))).toBe('Hello');
  });

  it('fences code that contains a fence with a longer one', () => {
    expect(readMessageText(message('<pre><code>```\ninner\n```</code></pre>'))).toBe('````\n```\ninner\n```\n````');
  });

  it('gives an empty string for an empty message', () => {
    expect(readMessageText(message(''))).toBe('');
  });
});

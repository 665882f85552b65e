import { describe, expect, it } from 'vitest';
import type { AnchorDraft } from '../../lib/model/anchor';
import { diffAnchors, diffDependencies, diffLines } from '../../lib/library/diff';

const base: AnchorDraft = {
  name: 'Capstone_Step9_Admin',
  context: 'Admin panel scaffolded.\nAuth works.',
  milestone: 'Users table done',
  nextAction: 'Add role editing',
  dependencies: ['Supabase key', 'Figma file'],
};

describe('diffLines', () => {
  it.each([
    ['', '', []],
    ['a', 'a', [{ op: 'same', text: 'a' }]],
    ['', 'new', [{ op: 'added', text: 'new' }]],
    ['old', '', [{ op: 'removed', text: 'old' }]],
    [
      'a\nb\nc',
      'a\nB\nc',
      [
        { op: 'same', text: 'a' },
        { op: 'removed', text: 'b' },
        { op: 'added', text: 'B' },
        { op: 'same', text: 'c' },
      ],
    ],
    [
      'one\ntwo\nthree\nfour',
      'zero\none\nthree\nfour\nfive',
      [
        { op: 'added', text: 'zero' },
        { op: 'same', text: 'one' },
        { op: 'removed', text: 'two' },
        { op: 'same', text: 'three' },
        { op: 'same', text: 'four' },
        { op: 'added', text: 'five' },
      ],
    ],
  ] as const)('%j → %j', (before, after, expected) => {
    expect(diffLines(before, after)).toEqual(expected);
  });

  it('treats CRLF like LF', () => {
    expect(diffLines('a\r\nb', 'a\nb')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'same', text: 'b' },
    ]);
  });

  it('keeps every line of both sides, in order, even for huge changes', () => {
    const before = Array.from({ length: 800 }, (_, i) => `old ${i}`).join('\n');
    const after = Array.from({ length: 800 }, (_, i) => `new ${i}`).join('\n');
    const ops = diffLines(before, after);
    expect(ops.filter((o) => o.op === 'removed').map((o) => o.text).join('\n')).toBe(before);
    expect(ops.filter((o) => o.op === 'added').map((o) => o.text).join('\n')).toBe(after);
  });

  it('rebuilds both texts from its output (LCS path)', () => {
    const before = 'x\na\nb\nc\nd\ny';
    const after = 'a\nc\nz\nd\ny\nw';
    const ops = diffLines(before, after);
    expect(ops.filter((o) => o.op !== 'added').map((o) => o.text).join('\n')).toBe(before);
    expect(ops.filter((o) => o.op !== 'removed').map((o) => o.text).join('\n')).toBe(after);
    expect(ops.filter((o) => o.op === 'same').map((o) => o.text)).toEqual(['a', 'c', 'd', 'y']);
  });
});

describe('diffDependencies', () => {
  it('lists added and removed items', () => {
    expect(diffDependencies(['A', 'B', 'C'], ['B', 'D', 'C'])).toEqual({ added: ['D'], removed: ['A'], reordered: false });
  });
  it('counts repeats', () => {
    expect(diffDependencies(['A', 'A'], ['A'])).toEqual({ added: [], removed: ['A'], reordered: false });
  });
  it('notices a new order of the same items', () => {
    expect(diffDependencies(['A', 'B'], ['B', 'A'])).toEqual({ added: [], removed: [], reordered: true });
  });
  it('is empty for the same list', () => {
    expect(diffDependencies(['A', 'B'], ['A', 'B'])).toEqual({ added: [], removed: [], reordered: false });
  });
});

describe('diffAnchors', () => {
  it('is empty for the same anchor', () => {
    expect(diffAnchors(base, { ...base, dependencies: [...base.dependencies] })).toEqual([]);
  });

  it('reports only the changed fields, in the written order', () => {
    const newer: AnchorDraft = {
      ...base,
      context: 'Admin panel scaffolded.\nAuth and roles work.',
      nextAction: 'Ship role editing',
      dependencies: ['Supabase key', 'QA checklist'],
    };
    const changes = diffAnchors(base, newer);
    expect(changes.map((c) => c.field)).toEqual(['context', 'nextAction', 'dependencies']);
    expect(changes[0]).toEqual({
      field: 'context',
      lines: [
        { op: 'same', text: 'Admin panel scaffolded.' },
        { op: 'removed', text: 'Auth works.' },
        { op: 'added', text: 'Auth and roles work.' },
      ],
    });
    expect(changes[2]).toEqual({ field: 'dependencies', added: ['QA checklist'], removed: ['Figma file'], reordered: false });
  });

  it('reports a renamed anchor', () => {
    expect(diffAnchors(base, { ...base, name: 'Capstone_Step10' })).toEqual([
      {
        field: 'name',
        lines: [
          { op: 'removed', text: 'Capstone_Step9_Admin' },
          { op: 'added', text: 'Capstone_Step10' },
        ],
      },
    ]);
  });
});

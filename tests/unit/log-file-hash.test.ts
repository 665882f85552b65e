import { describe, expect, it } from 'vitest';
import { judgeFile, sha256Hex, type FileJudgement } from '../../lib/log-file/hash';

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes (known vectors)', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('κ → ✓')).not.toBe(await sha256Hex('k -> v'));
  });
});

describe('judgeFile: whose text is in the file', () => {
  it.each<[string, { hash: string | null; written: string | undefined; wanted: string | undefined }, FileJudgement]>([
    ['no file yet', { hash: null, written: undefined, wanted: 'new' }, 'missing'],
    ['deleted there after we wrote it', { hash: null, written: 'old', wanted: 'new' }, 'missing'],
    ['what we wrote, library changed since', { hash: 'old', written: 'old', wanted: 'new' }, 'ours'],
    ['what we wrote, no longer wanted (project gone)', { hash: 'old', written: 'old', wanted: undefined }, 'ours'],
    ['edited elsewhere', { hash: 'edit', written: 'old', wanted: 'new' }, 'changed-elsewhere'],
    ['someone else’s file, never written by us', { hash: 'theirs', written: undefined, wanted: 'new' }, 'changed-elsewhere'],
    ['someone else’s file that already says what we would write', { hash: 'new', written: undefined, wanted: 'new' }, 'current'],
    ['edited elsewhere into exactly what we would write', { hash: 'new', written: 'old', wanted: 'new' }, 'current'],
    ['edited elsewhere, no longer wanted', { hash: 'edit', written: 'old', wanted: undefined }, 'changed-elsewhere'],
  ])('%s', (_case, file, judgement) => {
    expect(judgeFile(file)).toBe(judgement);
  });
});

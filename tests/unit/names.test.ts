import { describe, expect, it } from 'vitest';
import { AnchorNameSchema } from '../../lib/model/anchor';
import { suggestAnchorName } from '../../lib/model/names';

const NOW = new Date(2026, 2, 14, 9, 12);

describe('suggestAnchorName', () => {
  it.each([
    ['Capstone Step 9 – Admin', 'Capstone_Step9_Admin'],
    ['Thesis ch. 3: methods', 'Thesis_ch3_methods'],
    ['Sprint 12 — API + DB', 'Sprint12_API_DB'],
    ['2026 planning', '2026_planning'],
    ['Release v2 3 4', 'Release_v234'],
    ['Let’s plan the trip!', 'Lets_plan_the_trip'],
    ['Ünïcödé Straße 5', 'Ünïcödé_Straße5'],
    ['Тезис глава 3', 'Тезис_глава3'],
    ['数据 分析 2', '数据_分析2'],
    ['🚀 Launch plan 🎉', 'Launch_plan'],
    ['  spaced   out  ', 'spaced_out'],
    ['snake_case_title', 'snake_case_title'],
    ['Cafe\u0301 plan', 'Caf\u00e9_plan'], // NFC: one é, whichever way it was typed
    ['Re\u00ADport 9', 'Report9'], // a soft hyphen does not split a word
    ['Capstone\u200B Step 9', 'Capstone_Step9'],
    ['Report \u202Egpj.exe', 'Report_gpj_exe'],
  ])('%j → %s', (title, expected) => {
    expect(suggestAnchorName(title, NOW)).toBe(expected);
  });

  it.each(['', '   ', 'ChatGPT', ' chatgpt ', '— ! —', '🎉'])('falls back to a dated name for %j', (title) => {
    expect(suggestAnchorName(title, NOW)).toBe('Chat_2026-03-14');
  });

  it('stays within the name limit, cutting at a word', () => {
    const name = suggestAnchorName(`${'word '.repeat(40)}end`, NOW);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name).toMatch(/^(word_)+word$/);
  });

  it('cuts a single over-long word without splitting a surrogate pair', () => {
    const name = suggestAnchorName('𝒜'.repeat(100), NOW);
    expect(name).toBe('𝒜'.repeat(60));
  });

  it('always gives a valid anchor name', () => {
    for (const title of ['Capstone Step 9 – Admin', '', 'x'.repeat(500), '𝒜'.repeat(100)]) {
      expect(AnchorNameSchema.safeParse(suggestAnchorName(title, NOW)).success).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseAnchorText } from '../../lib/log/parse';
import { SettingsSchema, DEFAULT_SETTINGS } from '../../lib/model/settings';
import { DEFAULT_TEMPLATE, FIELD_PLACEHOLDERS, TEMPLATE_PLACEHOLDER, fillTemplate } from '../../lib/log/template';

describe('the request template, from one home', () => {
  it('names every field placeholder the parser treats as an echo', () => {
    for (const placeholder of Object.values(FIELD_PLACEHOLDERS)) expect(DEFAULT_TEMPLATE).toContain(placeholder);
    expect(DEFAULT_TEMPLATE.split(TEMPLATE_PLACEHOLDER)).toHaveLength(3);
  });

  it('a reply that fills in the name and repeats the rest of the default template is refused as an echo', () => {
    const echo = fillTemplate(DEFAULT_TEMPLATE, 'Thesis_Ch3').split('\n').slice(1).join('\n');
    expect(echo).toContain('Resume from anchor: [ANCHOR_NAME]'); // only the first placeholder is the name
    const named = echo.replace(TEMPLATE_PLACEHOLDER, '[Thesis_Ch3]');
    expect(parseAnchorText(named)).toEqual({ ok: false, reason: 'The reply repeats the template’s placeholders instead of filling them in.' });
  });

  it('the template sent back as it is is not an anchor', () => {
    const result = parseAnchorText(DEFAULT_TEMPLATE);
    expect(result.ok).toBe(false);
  });

  it('a custom template must keep the name placeholder', () => {
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, template: 'Write an anchor.' }).success).toBe(false);
    expect(SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, template: `Write an anchor called ${TEMPLATE_PLACEHOLDER}.` }).success).toBe(true);
  });
});

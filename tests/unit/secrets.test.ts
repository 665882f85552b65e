import { describe, expect, it } from 'vitest';
import { findSecrets, findSecretsInText, maskSecretsInDraft } from '../../lib/secrets';

const base = { name: 'Bot_Deploy', context: '', milestone: '', nextAction: '', dependencies: [] as string[] };

describe('findSecretsInText', () => {
  it.each([
    ['an OpenAI key', 'key sk-proj-abcDEF1234567890abcdef1234 here', 'OpenAI key'],
    ['a GitHub token', 'token ghp_0123456789abcdefghijABCDEFGHIJ0123456 ok', 'GitHub token'],
    ['an AWS access key', 'AKIAIOSFODNN7EXAMPLE', 'AWS access key'],
    ['a private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', 'private key'],
    ['a long random token', 'BOT_TOKEN=8f3KqL0zR7xWm2NvB5tY9cH1jD4gP6sA', 'random token'],
  ])('finds %s', (_label, text, kind) => {
    expect(findSecretsInText(text).map((m) => m.kind)).toContain(kind);
  });

  it.each([
    ['plain prose', 'Survey of 41 papers done; coding scheme v2 agreed with supervisor.'],
    ['a variable name', 'BOT_TOKEN in .env'],
    ['a git commit hash', 'fixed in 3f2a1c9e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39'],
    ['a long word', 'internationalization_and_localization_guidelines'],
  ])('does not flag %s', (_label, text) => {
    expect(findSecretsInText(text)).toEqual([]);
  });
});

describe('masking', () => {
  it('keeps only the last four characters of each secret, everywhere in the anchor', () => {
    const draft = {
      ...base,
      context: 'Use sk-proj-abcDEF1234567890abcdef1234 for the bot.',
      dependencies: ['AKIAIOSFODNN7EXAMPLE', 'certbot'],
    };
    expect(findSecrets(draft).sort()).toEqual(['AWS access key', 'OpenAI key']);
    const masked = maskSecretsInDraft(draft);
    expect(masked.context).toBe('Use ••••1234 for the bot.');
    expect(masked.dependencies).toEqual(['••••MPLE', 'certbot']);
    expect(findSecrets(masked)).toEqual([]);
  });
});

import type { AnchorDraft } from './anchor';

/**
 * Recognises text that looks like a credential, so an anchor does not carry a live key into a
 * log file by accident. Patterns follow the providers' documented key shapes.
 */
const SECRET_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { kind: 'OpenAI key', pattern: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/g },
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abpors]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
];

/** A long run of mixed letters and digits reads as a random token rather than a word. */
const LONG_TOKEN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_-])/g;

function looksRandom(token: string): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(token)).length;
  return kinds >= 2 && /[0-9]/.test(token) && !/^[0-9a-f]{40}$/.test(token); // a git SHA is not a secret
}

export type SecretMatch = { kind: string; text: string };

export function findSecretsInText(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const { kind, pattern } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push({ kind, text: match[0] });
  }
  for (const match of text.matchAll(LONG_TOKEN)) {
    const token = match[0];
    if (looksRandom(token) && !found.some((f) => f.text.includes(token) || token.includes(f.text))) {
      found.push({ kind: 'random token', text: token });
    }
  }
  return found;
}

function draftTexts(draft: AnchorDraft): string[] {
  return [draft.name, draft.context, draft.milestone, draft.nextAction, ...draft.dependencies];
}

/** The kinds of secret the anchor holds, each once (empty when none). */
export function findSecrets(draft: AnchorDraft): string[] {
  const kinds = draftTexts(draft).flatMap((text) => findSecretsInText(text).map((m) => m.kind));
  return [...new Set(kinds)];
}

/** Keeps only the last 4 characters of a secret: `sk-abc…wxyz` → `••••wxyz`. */
export function maskSecret(secret: string): string {
  return `••••${secret.slice(-4)}`;
}

function maskText(text: string): string {
  let masked = text;
  for (const { text: secret } of findSecretsInText(text)) masked = masked.split(secret).join(maskSecret(secret));
  return masked;
}

export function maskSecretsInDraft<T extends AnchorDraft>(draft: T): T {
  return {
    ...draft,
    context: maskText(draft.context),
    milestone: maskText(draft.milestone),
    nextAction: maskText(draft.nextAction),
    dependencies: draft.dependencies.map(maskText),
  };
}

import type { AnchorDraft } from './anchor';
import { FIELD_LABELS, fieldTexts } from './anchor-fields';

/**
 * Recognises text that looks like a credential, so an anchor does not carry a live key into a log
 * file by accident. Three kinds of evidence, strongest first: a provider's documented key shape
 * (`sk-proj-…`, `ghp_…`, `AKIA…`), a value assigned to a secret's name (`password: …`,
 * `api_key=…`, `Authorization: Bearer …`), and a long token that looks random (mixed case and
 * digits, no words, not hex). Names, paths, URLs, UUIDs and digests are not secrets, and neither
 * is the anchor's name (it is a label the user chose). Pure.
 */

export type SecretMatch = {
  kind: string;
  /** The secret itself: what masking hides. */
  text: string;
  /** Where `text` starts in the scanned text. */
  index: number;
};

/** Documented key shapes. Group 1, when there is one, is the secret (the rest is context). */
const PROVIDER_KEYS: { kind: string; pattern: RegExp }[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: 'Anthropic key', pattern: /\bsk-ant-(?:api|admin|sid)\d{2}-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI key', pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|\bgithub_pat_[A-Za-z0-9_]{50,}/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g },
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'Google OAuth secret', pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}/g },
  { kind: 'Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: 'Slack webhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{20,}/g },
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bwhsec_[A-Za-z0-9]{24,}/g },
  { kind: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{30,}/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { kind: 'PyPI token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  { kind: 'SendGrid key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/g },
  { kind: 'Twilio key', pattern: /\bSK[0-9a-fA-F]{32}\b/g },
  { kind: 'Telegram bot token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  { kind: 'DigitalOcean token', pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b/g },
  { kind: 'Shopify token', pattern: /\bshp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}\b/g },
  { kind: 'Groq key', pattern: /\bgsk_[A-Za-z0-9]{48,}/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/g },
  // `postgres://user:secret@host`: the password between `:` and `@`.
  { kind: 'password in a URL', pattern: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@]{1,100}:([^\s@/]{1,200})@/gi },
  // `Authorization: Bearer …`, `Basic …`, and a bearer token anywhere.
  { kind: 'authorization header', pattern: /\bAuthorization["']?[ \t]*[:=][ \t]*["']?(?:Bearer|Basic|Token|Bot)[ \t]+([A-Za-z0-9._~+/-]{8,}=*)/gi },
  { kind: 'bearer token', pattern: /\bBearer[ \t]+([A-Za-z0-9._~+/-]{16,}=*)/g },
];

// ---------------------------------------------------------------------------------------------
// Assignments: `DB_PASSWORD=…`, `"apiKey": "…"`, `token: …`

/** `name = value` or `name: value`, the name an identifier, the value up to a space or a quote. */
const ASSIGNMENT = /(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_.-]{0,40})["']?[ \t]*[:=][ \t]*["'`]?([^\s"'`,;]{4,})/g;

/** How the last word of a name that holds a secret ends: `BOT_TOKEN`, `client_secret`, `PGPASSWORD`. */
const SECRET_ENDINGS = /(?:password|passwd|passphrase|secret|token|apikey|credentials?)$|^pwd$/;
/** `key` holds a secret after these words: `api_key`, `AWS_SECRET_ACCESS_KEY`, `signing-key`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'signing', 'encryption', 'license', 'master', 'auth']);

function words(identifier: string): string[] {
  return (identifier.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []).map((w) => w.toLowerCase());
}

function namesSecret(identifier: string): boolean {
  const all = words(identifier);
  const last = all.at(-1) ?? '';
  if (SECRET_ENDINGS.test(last)) return true;
  return last === 'key' && KEY_QUALIFIERS.has(all.at(-2) ?? '');
}

/**
 * Values that stand for a secret rather than hold one: `${VAR}`, `<token>`, `os.environ[…]`,
 * `****`, a path (`~/.aws/credentials`) or a URL.
 */
const REFERENCE = /^(?:[$%{<[(~/\\]|\.\.?\/|[A-Za-z]:\\|(?:process\.env|os\.environ|os\.getenv|env|secrets|vars|import\.meta\.env|settings|config)\b)|[(){}[\]•]|\*{3}|x{4}|\.{3}|…|:\/\//i;

/** A value that could be the secret itself: not a word, a placeholder or a reference. */
function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || REFERENCE.test(value) || distinctChars(value) < 4) return false;
  if (isPath(value)) return false;
  // Only words (`required`, `YOUR_API_KEY`, `see-the-vault`): a description, not a secret.
  if (/^[A-Za-z]+(?:[_.-][A-Za-z]+)*$/.test(value) && value.length < 24) return false;
  return true;
}

/** `config/dev/app.yaml`, `keys/staging`: lower-case segments or file names (a base64 value has neither). */
function isPath(value: string): boolean {
  return value.includes('/') && value.split('/').every((segment) => /^[a-z0-9_.@-]*$|\.[a-z0-9]{1,5}$/.test(segment));
}

function findAssignments(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [whole, name = '', value = ''] = match;
    if (!namesSecret(name) || !looksLikeSecretValue(value)) continue;
    found.push({ kind: describeName(name), text: value, index: match.index + whole.length - value.length });
  }
  return found;
}

/** `DB_PASSWORD` → `password`, `OPENAI_API_KEY` → `API key`, `bot_token` → `token`. */
function describeName(identifier: string): string {
  const all = words(identifier);
  const last = all.at(-1) ?? '';
  if (last === 'key') return `${all.at(-2) === 'api' ? 'API' : (all.at(-2) ?? '')} key`.trim();
  if (last === 'apikey') return 'API key';
  if (last === 'pwd' || /pass(?:word|wd)$/.test(last)) return 'password';
  return /secret$|token$|passphrase$|credentials?$/.exec(last)?.[0] ?? last;
}

// ---------------------------------------------------------------------------------------------
// Random-looking tokens

/** Runs of the characters keys are made of; paths and URLs are cut at `/`, `.`, `:` and the like. */
const TOKEN = /[A-Za-z0-9_+=-]{32,}/g;

/**
 * A long token that looks random: upper and lower case and digits, in pieces of fewer than three
 * characters on average (`8f3KqL0z…`; names joined by case or `_` average four or more), rich in
 * distinct characters. Not words joined by `_` or camelCase
 * (`Capstone_Step9_Pipeline_Step_5_Debug`), not hex (UUIDs, digests, commits), not an ID's short
 * prefix plus a shorter code (`pi_3Mtw…`, a ULID).
 */
export function looksRandom(token: string): boolean {
  if (/^[0-9a-fA-F-]+=*$/.test(token)) return false;
  const core = token.replace(/^[a-z]{1,10}_/, '').replace(/=+$/, '');
  const alnum = core.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length < 32 || !/[a-z]/.test(alnum) || !/[A-Z]/.test(alnum) || !/\d/.test(alnum)) return false;
  const pieces = alnum.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [];
  return alnum.length / pieces.length < 3 && entropy(alnum) >= 3.8;
}

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

function distinctChars(text: string): number {
  return new Set(text).size;
}

// ---------------------------------------------------------------------------------------------
// Finding

/** Every secret in `text`, strongest evidence first; where two overlap, the first found is kept. */
export function findSecretsInText(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  const overlaps = (index: number, length: number) =>
    found.some((f) => index < f.index + f.text.length && f.index < index + length);
  const add = (match: SecretMatch) => {
    if (!overlaps(match.index, match.text.length)) found.push(match);
  };
  for (const { kind, pattern } of PROVIDER_KEYS) {
    for (const match of text.matchAll(pattern)) {
      const secret = match[1] ?? match[0];
      // `sk-xxxxxxxxxxxxxxxxxxxxxxxx` in the docs is a placeholder, not a key.
      if (distinctChars(secret) < 6 || /x{8}|X{8}|\*{4}|•/.test(secret)) continue;
      add({ kind, text: secret, index: match.index + match[0].lastIndexOf(secret) });
    }
  }
  for (const match of findAssignments(text)) add(match);
  for (const word of text.matchAll(/\S{32,}/g)) {
    // A URL's path and query are ids and routes (a secret in one is a provider key or `key=…`);
    // an integrity hash (`sha512-…`) or a data URI is random by design.
    if (/:\/\/|^(?:www\.|data:|sha\d+[-:])/.test(word[0])) continue;
    for (const match of word[0].matchAll(TOKEN)) {
      if (looksRandom(match[0])) add({ kind: 'random token', text: match[0], index: word.index + match.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The texts of an anchor that are scanned: its fields and dependencies, not its name. */
function scannedTexts(draft: AnchorDraft): { label: string; text: string }[] {
  return fieldTexts(draft).map(({ key, text }) => ({ label: FIELD_LABELS[key], text }));
}

/** The kinds of secret the anchor holds, each once (empty when none). */
export function findSecrets(draft: AnchorDraft): string[] {
  const kinds = scannedTexts(draft).flatMap(({ text }) => findSecretsInText(text).map((m) => m.kind));
  return [...new Set(kinds)];
}

/**
 * What the anchor holds that looks like a secret, for a person: the kind, the field, and the
 * snippet around it with the secret masked (`OpenAI key in Dependencies: “OPENAI_API_KEY=••••1234”`).
 */
export function describeSecrets(draft: AnchorDraft): string[] {
  const lines = scannedTexts(draft).flatMap(({ label, text }) => {
    const matches = findSecretsInText(text);
    if (matches.length === 0) return [];
    const masked = maskText(text, matches);
    return matches.map((match) => `${match.kind} in ${label}: “${snippetAround(masked, match)}”`);
  });
  return [...new Set(lines)];
}

const SNIPPET_BEFORE = 24;
const SNIPPET_AFTER = 12;

/** Up to a few words either side of the (already masked) secret, on one line. */
function snippetAround(masked: MaskedText, match: SecretMatch): string {
  const at = masked.positions.get(match.index) ?? 0;
  const end = at + maskSecret(match.text).length;
  const start = Math.max(0, at - SNIPPET_BEFORE);
  const stop = Math.min(masked.text.length, end + SNIPPET_AFTER);
  const snippet = `${start > 0 ? '…' : ''}${masked.text.slice(start, stop)}${stop < masked.text.length ? '…' : ''}`;
  return snippet.replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// Masking

/**
 * What is shown instead of a secret: `••••` and, for a long one, its last 4 characters so it can be
 * told apart (`sk-…wxyz` → `••••wxyz`). A short secret (a password) shows nothing of itself.
 */
export function maskSecret(secret: string): string {
  return secret.length >= 20 && !secret.startsWith('-----') ? `••••${secret.slice(-4)}` : '••••';
}

type MaskedText = { text: string; positions: Map<number, number> };

/** `text` with every match masked; `positions` maps each match's index to where its mask starts. */
function maskText(text: string, matches: SecretMatch[]): MaskedText {
  let out = '';
  let from = 0;
  const positions = new Map<number, number>();
  for (const match of matches) {
    out += text.slice(from, match.index);
    positions.set(match.index, out.length);
    out += maskSecret(match.text);
    from = match.index + match.text.length;
  }
  return { text: out + text.slice(from), positions };
}

/** The same secret elsewhere in the text (unflagged there, say after a space) is masked too. */
function maskAll(text: string): string {
  const matches = findSecretsInText(text);
  let masked = maskText(text, matches).text;
  for (const { text: secret } of matches) masked = masked.split(secret).join(maskSecret(secret));
  return masked;
}

/** The draft with every secret found in its fields and dependencies masked (the name is left as is). */
export function maskSecretsInDraft<T extends AnchorDraft>(draft: T): T {
  return {
    ...draft,
    context: maskAll(draft.context),
    milestone: maskAll(draft.milestone),
    nextAction: maskAll(draft.nextAction),
    dependencies: draft.dependencies.map(maskAll),
  };
}

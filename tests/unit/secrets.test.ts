import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnchorDraft } from '../../lib/model/anchor';
import { parseAnchorLog } from '../../lib/log/parse';
import { describeSecrets, findSecrets, findSecretsInText, maskSecretsInDraft } from '../../lib/model/secrets';

/**
 * Secret warnings that neither cry wolf nor miss the obvious: every documented key shape
 * and every assignment of a secret is caught; the user's own names, paths, URLs, ids and digests
 * (a corpus of 1,000 generated from realistic parts, and the sample logs) give no warning at all.
 */

const base: AnchorDraft = { name: 'Bot_Deploy', context: '', milestone: '', nextAction: '', dependencies: [] };
const draftWith = (context: string): AnchorDraft => ({ ...base, context });

// ---------------------------------------------------------------------------------------------
// Random parts, seeded so the corpus is the same on every run.

const charsOf = (alphabet: string) => fc.constantFrom(...alphabet);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomOf = (alphabet: string, length: number) => fc.string({ unit: charsOf(alphabet), minLength: length, maxLength: length });
/** A key body: random characters of `alphabet`, with upper case, lower case and digits in it. */
const keyBody = (alphabet: string, length: number) =>
  randomOf(alphabet, length).filter((s) => (!/[a-z]/.test(alphabet) || /[a-z]/.test(s)) && /\d/.test(s) && new Set(s).size > 8);

function sample<T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] {
  return fc.sample(arb, { seed, numRuns: n });
}

// ---------------------------------------------------------------------------------------------
// Every documented key shape

const PROVIDER_SHAPES: [kind: string, arb: fc.Arbitrary<string>][] = [
  ['OpenAI key', keyBody(ALNUM, 48).map((b) => `sk-${b}`)],
  ['OpenAI key', keyBody(`${ALNUM}_-`, 120).map((b) => `sk-proj-${b}`)],
  ['OpenAI key', keyBody(`${ALNUM}_-`, 64).map((b) => `sk-svcacct-${b}`)],
  ['Anthropic key', keyBody(`${ALNUM}_-`, 93).map((b) => `sk-ant-api03-${b}AA`)],
  ['GitHub token', keyBody(ALNUM, 36).map((b) => `ghp_${b}`)],
  ['GitHub token', keyBody(ALNUM, 36).map((b) => `gho_${b}`)],
  ['GitHub token', keyBody(`${ALNUM}_`, 82).map((b) => `github_pat_${b}`)],
  ['GitLab token', keyBody(ALNUM, 20).map((b) => `glpat-${b}`)],
  ['AWS access key', randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16).map((b) => `AKIA${b}`)],
  ['AWS access key', randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16).map((b) => `ASIA${b}`)],
  ['Google API key', keyBody(`${ALNUM}_-`, 35).map((b) => `AIza${b}`)],
  ['Google OAuth secret', keyBody(`${ALNUM}_-`, 28).map((b) => `GOCSPX-${b}`)],
  ['Slack token', keyBody('0123456789', 12).chain((a) => keyBody(ALNUM, 24).map((b) => `xoxb-${a}-${a}-${b}`))],
  ['Slack token', keyBody(ALNUM, 24).map((b) => `xoxp-1234567890-${b}`)],
  ['Slack webhook', keyBody(ALNUM, 24).map((b) => `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${b}`)],
  ['Stripe key', keyBody(ALNUM, 24).map((b) => `sk_live_${b}`)],
  ['Stripe key', keyBody(ALNUM, 24).map((b) => `rk_test_${b}`)],
  ['Stripe key', keyBody(ALNUM, 32).map((b) => `whsec_${b}`)],
  ['Hugging Face token', keyBody(ALNUM, 34).map((b) => `hf_${b}`)],
  ['npm token', keyBody(ALNUM, 36).map((b) => `npm_${b}`)],
  ['PyPI token', keyBody(`${ALNUM}_-`, 70).map((b) => `pypi-AgEIcHlwaS5vcmc${b}`)],
  ['SendGrid key', keyBody(`${ALNUM}_-`, 22).chain((a) => keyBody(`${ALNUM}_-`, 43).map((b) => `SG.${a}.${b}`))],
  ['Twilio key', keyBody('0123456789abcdef', 32).map((b) => `SK${b}`)],
  ['Telegram bot token', keyBody(`${ALNUM}_-`, 33).map((b) => `123456789:AA${b}`)],
  ['DigitalOcean token', keyBody('0123456789abcdef', 64).map((b) => `dop_v1_${b}`)],
  ['Shopify token', keyBody('0123456789abcdef', 32).map((b) => `shpat_${b}`)],
  ['Groq key', keyBody(ALNUM, 52).map((b) => `gsk_${b}`)],
  [
    'JSON Web Token',
    fc
      .tuple(keyBody(`${ALNUM}_-`, 20), keyBody(`${ALNUM}_-`, 40), keyBody(`${ALNUM}_-`, 43))
      .map(([h, p, s]) => `eyJ${h}.eyJ${p}.${s}`),
  ],
  [
    'private key',
    fc
      .tuple(fc.constantFrom('RSA ', 'EC ', 'OPENSSH ', 'ENCRYPTED ', ''), keyBody(`${ALNUM}+/`, 64))
      .map(([type, b]) => `-----BEGIN ${type}PRIVATE KEY-----\n${b}\n${b}\n-----END ${type}PRIVATE KEY-----`),
  ],
  ['random token', keyBody(ALNUM, 40)],
];

describe('every documented key shape is caught, in prose and in assignments', () => {
  it.each(PROVIDER_SHAPES.map(([kind, arb], i) => [kind, i, arb] as const))('%s (shape %i)', (kind, _i, arb) => {
    for (const key of sample(arb, 20, 7)) {
      expect(findSecretsInText(`We use ${key} for the bot.`).map((m) => [m.kind, m.text])).toContainEqual([kind, key]);
      expect(findSecrets(draftWith(`see:\n${key}\n`))).toEqual([kind]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Every assignment shape

describe('assignments of a secret are caught', () => {
  it.each([
    ['password: hunter2hunter2', 'password', 'hunter2hunter2'],
    ['Password = "Summer2024!"', 'password', 'Summer2024!'],
    ["DB_PASSWORD='c0rrect-h0rse'", 'password', 'c0rrect-h0rse'],
    ['export PGPASSWORD=Tr0ub4dor&3', 'password', 'Tr0ub4dor&3'],
    ['pwd: 8charsX1', 'password', '8charsX1'],
    ['passphrase = my d0g', 'passphrase', undefined],
    ['api_key=3f9a8b7c6d5e4f3a2b1c', 'API key', '3f9a8b7c6d5e4f3a2b1c'],
    ['"apiKey": "AbC123dEf456"', 'API key', 'AbC123dEf456'],
    ['OPENAI_API_KEY=ab12CD34ef56', 'API key', 'ab12CD34ef56'],
    ['token: 4f8e2a91c7b3', 'token', '4f8e2a91c7b3'],
    ['BOT_TOKEN=8f3KqL0zR7xWm2NvB5tY9cH1jD4gP6sA', 'token', '8f3KqL0zR7xWm2NvB5tY9cH1jD4gP6sA'],
    ['access_token = ya29.A0ARrdaM', 'token', 'ya29.A0ARrdaM'],
    ['client_secret: 9a8b7c6d5e4f', 'secret', '9a8b7c6d5e4f'],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'access key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['private_key: MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'private key', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
    ['Authorization: Bearer abcDEF123456ghiJKL789', 'authorization header', 'abcDEF123456ghiJKL789'],
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'authorization header', 'dXNlcjpwYXNzd29yZA=='],
    ['curl -H "Authorization: token ghx9Kq2mZ7pL4vB8"', 'authorization header', 'ghx9Kq2mZ7pL4vB8'],
    ['send it with Bearer eyJtb2tlbiI6IjEyMyJ9xyz', 'bearer token', 'eyJtb2tlbiI6IjEyMyJ9xyz'],
    ['postgres://admin:S3cr3tPass@db.internal:5432/app', 'password in a URL', 'S3cr3tPass'],
  ])('%s', (text, kind, secret) => {
    const found = findSecretsInText(text);
    if (secret === undefined) {
      expect(found).toEqual([]); // `my` is too short to be the secret: the value ends at the space
      return;
    }
    expect(found.map((m) => [m.kind, m.text])).toEqual([[kind, secret]]);
  });

  it.each([
    ['token: expired', 'a word'],
    ['password: required', 'a word'],
    ['Password: in the vault', 'prose'],
    ['password: ${DB_PASSWORD}', 'a variable'],
    ['api_key=os.environ["OPENAI_API_KEY"]', 'a reference'],
    ['token: <your token here>', 'a placeholder'],
    ['API_KEY=YOUR_API_KEY_HERE', 'a placeholder'],
    ['secret: ********', 'already masked'],
    ['password: ••••', 'already masked'],
    ['credentials: ~/.aws/credentials', 'a path'],
    ['max_tokens=4096', 'not a secret’s name'],
    ['password_policy: min12chars', 'not a secret’s name'],
    ['Tests pass: 128/128', 'not a secret’s name'],
    ['tokenizer: bert-base-uncased', 'not a secret’s name'],
    ['Authorization: Bearer <token>', 'a placeholder'],
    ['OPENAI_API_KEY in .env', 'a name without a value'],
    ['sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'a documented placeholder'],
  ])('not %s (%s)', (text) => {
    expect(findSecretsInText(text)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The corpus: 1,000 realistic names, paths and identifiers, and the sample logs

const pick = <T,>(...values: T[]) => fc.constantFrom(...values);
const project = pick('Capstone', 'Thesis', 'Weekend', 'Infra', 'Billing', 'Onboarding', 'ML', 'Mobile', 'DataPlatform', 'Search');
const step = fc.oneof(fc.integer({ min: 1, max: 30 }).map((n) => `Step${n}`), fc.integer({ min: 1, max: 12 }).map((n) => `Ch${n}`), pick('v2', 'Phase2', 'Q3', 'M4', 'Sprint12'));
const part = pick('Admin', 'Pipeline', 'Debug', 'Silver', 'Gold', 'Bronze', 'Migration', 'Deploy', 'Methods', 'Survey', 'Auth', 'Users', 'Export', 'Hotfix', 'Refactor', 'Backfill', 'Retry', 'Webhook');
const word = pick('pipeline', 'step', 'debug', 'users', 'auth', 'export', 'report', 'chapter', 'survey', 'schema', 'table', 'index', 'worker', 'queue', 'retry', 'billing');
const hex = (n: number) => randomOf('0123456789abcdef', n);
const b32 = (n: number) => randomOf('0123456789ABCDEFGHJKMNPQRSTVWXYZ', n);

const anchorName = fc
  .tuple(project, step, part, fc.integer({ min: 1, max: 9 }), part, fc.boolean())
  .map(([p, s, a, n, b, long]) => (long ? `${p}_${s}_${a}_Step_${n}_${b}` : `${p}_${s}_${a}`));
const snake = fc.array(word, { minLength: 3, maxLength: 7 }).chain((ws) => fc.integer({ min: 0, max: 99 }).map((n) => `${ws.join('_')}_${n}`));
const camel = fc
  .array(word, { minLength: 3, maxLength: 8 })
  .map((ws) => ws.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join(''))
  .chain((id) => fc.integer({ min: 1, max: 3 }).map((n) => `${id}V${n}`));
const unixPath = fc
  .tuple(pick('/home/dana', '/Users/sam', '~', '.', '/srv', '/var/lib'), fc.array(fc.oneof(word, snake, step), { minLength: 1, maxLength: 5 }), snake, pick('py', 'ts', 'tsx', 'md', 'ipynb', 'sql', 'yaml', 'env.example'))
  .map(([root, dirs, file, ext]) => `${root}/${dirs.join('/')}/${file}.${ext}`);
const windowsPath = fc
  .tuple(pick('C:', 'D:'), fc.array(fc.oneof(word, anchorName), { minLength: 1, maxLength: 4 }), snake)
  .map(([drive, dirs, file]) => `${drive}\\Users\\dana\\${dirs.join('\\')}\\${file}.py`);
const url = fc.oneof(
  fc.tuple(word, word, fc.integer({ min: 1, max: 9999 })).map(([org, repo, n]) => `https://github.com/${org}-labs/${repo}/pull/${n}`),
  fc.tuple(word, hex(40), unixPath).map(([repo, sha, path]) => `https://github.com/acme/${repo}/blob/${sha}${path.replace(/^[~.]/, '')}`),
  randomOf(`${ALNUM}_-`, 44).map((id) => `https://docs.google.com/document/d/${id}/edit?usp=sharing`),
  fc.tuple(fc.uuid(), word).map(([id, tab]) => `https://app.example.com/projects/${id}/settings?tab=${tab}&page=2`),
  fc.tuple(camel, hex(32)).map(([title, id]) => `https://www.notion.so/acme/${title}-${id}`),
  randomOf(`${ALNUM}_-`, 11).map((id) => `https://www.youtube.com/watch?v=${id}&t=42s`),
);
const identifier = fc.oneof(
  fc.uuid(),
  hex(40),
  hex(7).map((sha) => `commit ${sha}`),
  hex(64).map((d) => `sha256:${d}`),
  hex(32).map((d) => `md5 ${d}`),
  fc.tuple(word, hex(64)).map(([img, d]) => `ghcr.io/acme/${img}:1.4.2@sha256:${d}`),
  randomOf(`${ALNUM}+/`, 86).map((b) => `sha512-${b}==`),
  b32(26),
  b32(26).map((u) => `run_${u}`),
  randomOf(ALNUM, 24).map((id) => `pi_${id}`),
  randomOf(ALNUM, 14).map((id) => `cus_${id}`),
  fc.integer({ min: 100, max: 9999 }).map((n) => `ENG-${n}`),
  fc.tuple(word, hex(9), randomOf('abcdefghijklmnopqrstuvwxyz0123456789', 5)).map(([app, rs, pod]) => `${app}-worker-${rs}-${pod}`),
  fc.tuple(word, fc.integer({ min: 100000000000, max: 999999999999 })).map(([name, account]) => `arn:aws:lambda:eu-west-1:${account}:function:${name}-handler`),
  fc.tuple(word, snake).map(([bucket, key]) => `s3://acme-${bucket}/exports/${key}.parquet`),
  fc.date({ min: new Date(2020, 0, 1), max: new Date(2030, 0, 1), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(word, word).map(([a, b]) => `${a}.${b}@example.com`),
  pick('OPENAI_API_KEY in .env', 'BOT_TOKEN in .env', 'rotate the API key on Friday', 'password reset flow done', 'token refresh: fixed', 'max_tokens=4096', 'use ${DB_PASSWORD} from the vault', "api_key=os.environ['OPENAI_API_KEY']", 'Authorization: Bearer <token>', 'secret: <redacted>', 'npm run build -- --mode=production', 'kubectl rollout restart deployment/pipeline-step5'),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 50 })).map(([a, b, c]) => `v${a}.${b}.${c}-rc.1+build.${c * 7}`),
);
const corpusItem = fc.oneof(anchorName, snake, camel, unixPath, windowsPath, url, identifier);

describe('the corpus gives no warning', () => {
  const corpus = sample(corpusItem, 1_000, 2026);

  it('1,000 realistic names, paths, URLs and identifiers', () => {
    expect(new Set(corpus).size).toBeGreaterThan(900);
    const flagged = corpus.filter((item) => findSecretsInText(item).length > 0 || findSecretsInText(`See ${item} for details.`).length > 0);
    expect(flagged).toEqual([]);
  });

  it('the same, as whole anchors (fields and dependencies)', () => {
    const drafts = Array.from({ length: 100 }, (_, i): AnchorDraft => ({
      name: corpus[i]!.slice(0, 120),
      context: corpus.slice(i * 10, i * 10 + 5).join('\n'),
      milestone: corpus.slice(i * 10 + 5, i * 10 + 7).join(' and '),
      nextAction: `Open ${corpus[i * 10 + 7]} next.`,
      dependencies: corpus.slice(i * 10 + 8, i * 10 + 10),
    }));
    expect(drafts.flatMap((d) => findSecrets(d))).toEqual([]);
  });

  it.each(['sample-anchors-log.md'])('every entry of the hand-kept %s', (file) => {
    const log = readFileSync(new URL(`../fixtures/logs/${file}`, import.meta.url), 'utf8');
    const { entries } = parseAnchorLog(log);
    expect(entries).toHaveLength(5);
    expect(entries.flatMap((e) => findSecrets(e.draft))).toEqual([]);
  });

  it('Capstone_Step9_Pipeline_Step_5_Debug, the name that was flagged, is not a random token', () => {
    expect(findSecretsInText('Capstone_Step9_Pipeline_Step_5_Debug')).toEqual([]);
  });

  it('does not scan the anchor’s name: it is a label the user chose', () => {
    expect(findSecrets({ ...base, name: 'sk-proj-abcDEF1234567890abcdef1234' })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Masking and the warning's snippet

const secretArb = fc.oneof(
  ...PROVIDER_SHAPES.map(([, arb]) => arb),
  keyBody(ALNUM, 14).map((v) => `password: ${v}`),
  keyBody(ALNUM, 20).map((v) => `API_KEY=${v}`),
  keyBody(ALNUM, 24).map((v) => `Authorization: Bearer ${v}`),
);
const prose = fc.array(fc.oneof(word, corpusItem), { maxLength: 4 }).map((ws) => ws.join(' '));

describe('masking', () => {
  it('masks everything that is detected: nothing is found afterwards, and no secret is left', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(prose, secretArb), { minLength: 1, maxLength: 3 }), prose, (pairs, tail) => {
        const context = `${pairs.map(([p, s]) => `${p} ${s}`).join('\n')} ${tail}`;
        const draft = { ...base, context, dependencies: pairs.map(([, s]) => s.replace(/\n/g, ' ')) };
        const secrets = [draft.context, ...draft.dependencies].flatMap((t) => findSecretsInText(t).map((m) => m.text));
        expect(secrets.length).toBeGreaterThanOrEqual(pairs.length);
        const masked = maskSecretsInDraft(draft);
        expect(findSecrets(masked)).toEqual([]);
        for (const secret of secrets) {
          expect(masked.context).not.toContain(secret);
          for (const dep of masked.dependencies) expect(dep).not.toContain(secret);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the last four characters of a long key, nothing of a short password, and leaves the name alone', () => {
    const draft = {
      ...base,
      name: 'Bot_sk-proj-abcDEF1234567890abcdef1234',
      context: 'Use sk-proj-abcDEF1234567890abcdef1234 for the bot.\npassword: hunter2hunter2',
      dependencies: ['AKIAIOSFODNN7EXAMPLE', 'certbot'],
    };
    const masked = maskSecretsInDraft(draft);
    expect(masked.context).toBe('Use ••••1234 for the bot.\npassword: ••••');
    expect(masked.dependencies).toEqual(['••••MPLE', 'certbot']);
    expect(masked.name).toBe(draft.name);
  });
});

describe('the warning a person sees', () => {
  it('names the kind and the field, and shows the snippet with the secret masked', () => {
    const draft = {
      ...base,
      context: 'Deploy notes. Use sk-proj-abcDEF1234567890abcdef1234 for the bot, then restart.',
      dependencies: ['OPENAI_API_KEY=sk-proj-abcDEF1234567890abcdef1234', 'password: hunter2hunter2'],
    };
    const lines = describeSecrets(draft);
    expect(lines).toEqual([
      'OpenAI key in Context: “Deploy notes. Use ••••1234 for the bot…”',
      'OpenAI key in Dependencies: “OPENAI_API_KEY=••••1234”',
      'password in Dependencies: “password: ••••”',
    ]);
    for (const line of lines) expect(line).not.toContain('hunter2');
    expect(lines.join()).not.toContain('abcDEF');
  });
});

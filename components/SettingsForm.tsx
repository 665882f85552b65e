import { useEffect, useState } from 'preact/hooks';
import { getSettings, saveSettings } from '../lib/storage/db';
import { STALE_DAYS } from '../lib/library/board';
import { CHAT_LIMIT_BOUNDS, NUDGE_PERCENT_BOUNDS } from '../lib/meter/limit';
import { DEFAULT_SETTINGS, SettingsSchema, TEMPLATE_PLACEHOLDER, type Settings } from '../lib/model/settings';
import { ShortcutSettings } from './ShortcutSettings';

type Errors = Partial<Record<keyof Settings, string>>;

function validate(settings: Settings): Errors {
  const parsed = SettingsSchema.safeParse(settings);
  if (parsed.success) return {};
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof Settings;
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The options page: anchor request template, resume, export and waiting settings. */
export function SettingsForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState('');

  useEffect(() => {
    getSettings().then(setSettings, (e: unknown) => setStatus(`Could not read the settings: ${String(e)}`));
  }, []);
  if (!settings) return <main class="settings">{status || 'Loading…'}</main>;

  const change = (patch: Partial<Settings>) => {
    setSettings({ ...settings, ...patch });
    setStatus('');
  };
  const save = async (next: Settings) => {
    const found = validate(next);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus('Not saved: fix the field marked below.');
      return;
    }
    try {
      setSettings(await saveSettings(next));
      setStatus('Saved.');
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <main class="settings">
      <h1>GPT Anchors settings</h1>
      <p>
        <a href="/library.html" target="_blank">
          Open the library
        </a>
        <span class="hint">: every project at a glance, with its next action, its lineage across chats and its tags.</span>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save(settings);
        }}
      >
        <fieldset>
          <legend>Anchor request</legend>
          <label for="template">Anchor request template</label>
          <p class="hint">
            Sent to ChatGPT when Save anchor finds no anchor in the chat. {TEMPLATE_PLACEHOLDER} is replaced by a name
            made from the chat's title.
          </p>
          <textarea
            id="template"
            value={settings.template}
            aria-invalid={errors.template ? 'true' : 'false'}
            aria-describedby={errors.template ? 'template-error' : undefined}
            onInput={(event) => change({ template: event.currentTarget.value })}
          />
          {errors.template && (
            <p class="field-error" id="template-error" role="alert">
              {errors.template}
            </p>
          )}
          <button type="button" onClick={() => change({ template: DEFAULT_SETTINGS.template })}>
            Reset template to default
          </button>
          <label>
            Wait for ChatGPT's reply up to{' '}
            <input
              type="number"
              min={2}
              max={900}
              value={settings.replyTimeoutSeconds}
              aria-invalid={errors.replyTimeoutSeconds ? 'true' : 'false'}
              onInput={(event) => change({ replyTimeoutSeconds: event.currentTarget.valueAsNumber })}
            />{' '}
            seconds
          </label>
          {errors.replyTimeoutSeconds && (
            <p class="field-error" role="alert">
              {errors.replyTimeoutSeconds}
            </p>
          )}
          <label>
            <input
              type="checkbox"
              checked={settings.rollingAnchors}
              aria-describedby="rolling-hint"
              onChange={(event) => change({ rollingAnchors: event.currentTarget.checked })}
            />{' '}
            Rolling anchors: in a chat resumed from an anchor, ask ChatGPT to update that anchor
          </label>
          <p class="hint" id="rolling-hint">
            Save anchor sends the anchor's fields and asks to keep what still holds, mark what is done and give the new next action.
            The reply is saved as the anchor's next version, so its history shows what moved between the two chats.
          </p>
        </fieldset>
        <fieldset>
          <legend>Chat length meter</legend>
          <p class="hint">
            The bar shows the open chat’s size in tokens. ChatGPT does not say how long a chat may get: until one of your
            chats reaches its maximum length, the meter uses the limit below (an estimate: 128,000 tokens is the largest
            context window OpenAI lists for ChatGPT’s plans). From then on it uses what your chats actually reached.
          </p>
          <label>
            Limit{' '}
            <input
              type="number"
              min={CHAT_LIMIT_BOUNDS.min}
              max={CHAT_LIMIT_BOUNDS.max}
              step={1000}
              value={settings.chatLimitTokens}
              aria-invalid={errors.chatLimitTokens ? 'true' : 'false'}
              onInput={(event) => change({ chatLimitTokens: event.currentTarget.valueAsNumber })}
            />{' '}
            tokens
          </label>
          {errors.chatLimitTokens && (
            <p class="field-error" role="alert">
              {errors.chatLimitTokens}
            </p>
          )}
          <label>
            Highlight Save anchor once a chat reaches{' '}
            <input
              type="number"
              min={NUDGE_PERCENT_BOUNDS.min}
              max={NUDGE_PERCENT_BOUNDS.max}
              value={settings.nudgePercent}
              aria-invalid={errors.nudgePercent ? 'true' : 'false'}
              onInput={(event) => change({ nudgePercent: event.currentTarget.valueAsNumber })}
            />{' '}
            % of the limit (once per chat)
          </label>
          {errors.nudgePercent && (
            <p class="field-error" role="alert">
              {errors.nudgePercent}
            </p>
          )}
          <button
            type="button"
            onClick={() => change({ chatLimitTokens: DEFAULT_SETTINGS.chatLimitTokens, nudgePercent: DEFAULT_SETTINGS.nudgePercent })}
          >
            Reset the meter’s settings to default
          </button>
        </fieldset>
        <fieldset>
          <legend>Resume</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.autoSend}
              onChange={(event) => change({ autoSend: event.currentTarget.checked })}
            />{' '}
            Send automatically after resume
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.resumeHandshake}
              aria-describedby="handshake-hint"
              onChange={(event) => change({ resumeHandshake: event.currentTarget.checked })}
            />{' '}
            Resume handshake: ask ChatGPT to restate the next action
          </label>
          <p class="hint" id="handshake-hint">
            The resume text ends with a request to restate the next action in one line. Its reply is compared with the anchor's next
            action, and the toast says when they differ.
          </p>
        </fieldset>
        <fieldset>
          <legend>Projects</legend>
          <label>
            A project is stale after{' '}
            <input
              type="number"
              min={STALE_DAYS.min}
              max={STALE_DAYS.max}
              value={settings.staleAfterDays}
              aria-invalid={errors.staleAfterDays ? 'true' : 'false'}
              aria-describedby="stale-hint"
              onInput={(event) => change({ staleAfterDays: event.currentTarget.valueAsNumber })}
            />{' '}
            days without a save or a resume
          </label>
          <p class="hint" id="stale-hint">
            The <a href="/library.html" target="_blank">library</a> marks such projects as stale.
          </p>
          {errors.staleAfterDays && (
            <p class="field-error" role="alert">
              {errors.staleAfterDays}
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>Log export</legend>
          <label>
            Date format{' '}
            <select
              value={settings.dateFormat}
              onChange={(event) => change({ dateFormat: event.currentTarget.value === 'iso' ? 'iso' : 'us' })}
            >
              <option value="us">09:12 03/14/2026 (MM/DD/YYYY)</option>
              <option value="iso">09:12 2026-03-14 (ISO)</option>
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.exportAllVersions}
              onChange={(event) => change({ exportAllVersions: event.currentTarget.checked })}
            />{' '}
            Include every version of an anchor (otherwise only the latest of each name)
          </label>
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary">
            Save settings
          </button>
          <span class="status" role="status">
            {status}
          </span>
        </div>
      </form>
      <ShortcutSettings />
    </main>
  );
}

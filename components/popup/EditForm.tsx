import { useEffect, useRef, useState } from 'preact/hooks';
import { AnchorDraftSchema, FIELD_LABELS, type Anchor, type AnchorDraft } from '../../lib/model/anchor';
import { EditConflict, deleteDraft, getDraft, putDraft, type EditDraft } from '../../lib/storage/db';
import { latestVersionId, saveEditedVersion } from './edits';

type Field = keyof AnchorDraft;
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

const FIELDS: { key: Field; label: string; rows: number; hint?: string }[] = [
  { key: 'name', label: 'Name', rows: 0 },
  { key: 'context', label: FIELD_LABELS.context, rows: 4 },
  { key: 'milestone', label: FIELD_LABELS.milestone, rows: 2 },
  { key: 'nextAction', label: FIELD_LABELS.nextAction, rows: 2 },
  { key: 'dependencies', label: FIELD_LABELS.dependencies, rows: 3, hint: 'one per line' },
];

/** Same zod schema as every other way in; each error goes next to its field. */
function validate(values: Values): { draft: AnchorDraft } | { errors: Errors } {
  const dependencies = values.dependencies.split('\n').map((line) => line.trim()).filter(Boolean);
  const parsed = AnchorDraftSchema.safeParse({ ...values, dependencies });
  if (parsed.success) return { draft: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field;
    const where = field === 'dependencies' && typeof issue.path[1] === 'number' ? `Line ${issue.path[1] + 1}: ` : '';
    errors[field] ??= `${where}${issue.message}`;
  }
  return { errors };
}

type Props = { anchor: Anchor; onSaved: (saved: Anchor | null) => void; onCancel: () => void };

/** How long typing pauses before the draft is written. */
const DRAFT_DELAY_MS = 300;

const valuesOf = (anchor: Anchor): Values => ({
  name: anchor.name,
  context: anchor.context,
  milestone: anchor.milestone,
  nextAction: anchor.nextAction,
  dependencies: anchor.dependencies.join('\n'),
});

/**
 * Edits a version; saving stores a new version and leaves the old one in the history. What is
 * typed is kept as a draft (lib/storage/db.ts, per edited version) until it is saved or cancelled, so a
 * popup that closes loses nothing: the draft comes back when the popup opens again. A version
 * saved by someone else meanwhile (another window) is not silently outdone: the save says so and
 * offers to save this edit as a new version anyway.
 */
export function EditForm({ anchor, onSaved, onCancel }: Props) {
  const [values, setValues] = useState<Values>(() => valuesOf(anchor));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState('');
  const [conflict, setConflict] = useState<{ message: string; draft: AnchorDraft } | null>(null);
  const [restored, setRestored] = useState<EditDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const latestAtStart = useRef<string | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, textarea')?.focus();
    let current = true;
    void (async () => {
      const draft = await getDraft(anchor.id);
      if (!current) return;
      if (draft) {
        setValues(draft.values);
        setRestored(draft);
        latestAtStart.current = draft.latestAtStart;
      } else {
        latestAtStart.current = await latestVersionId(anchor);
      }
    })();
    return () => {
      current = false;
      clearTimeout(draftTimer.current);
    };
  }, [anchor.id]);

  const keepDraft = (next: Values) => {
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => {
      if (latestAtStart.current === null) return;
      const draft = { anchorId: anchor.id, name: anchor.name, values: next, latestAtStart: latestAtStart.current, updatedAt: new Date().toISOString() };
      putDraft(draft).catch((error: unknown) => setFailure(`Your edit could not be kept as a draft: ${error instanceof Error ? error.message : String(error)}`));
    }, DRAFT_DELAY_MS);
  };

  const finish = async (saved: Anchor | null) => {
    clearTimeout(draftTimer.current);
    await deleteDraft(anchor.id).catch(() => undefined);
    onSaved(saved);
  };

  const cancel = () => {
    clearTimeout(draftTimer.current);
    void deleteDraft(anchor.id).catch(() => undefined);
    onCancel();
  };

  const store = async (draft: AnchorDraft, checkNewer: boolean) => {
    setSaving(true);
    setConflict(null);
    try {
      await finish(await saveEditedVersion(anchor, draft, checkNewer ? (latestAtStart.current ?? anchor.id) : undefined));
    } catch (error) {
      if (error instanceof EditConflict) setConflict({ message: error.message, draft });
      else setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const result = validate(values);
    if ('errors' in result) {
      setErrors(result.errors);
      const first = FIELDS.find((f) => result.errors[f.key]);
      if (first) form.current?.querySelector<HTMLElement>(`#edit-${first.key}`)?.focus();
      return;
    }
    setErrors({});
    await store(result.draft, true);
  };

  return (
    <form
      ref={form}
      class="edit"
      aria-label={`Edit ${anchor.name}`}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && (event.preventDefault(), cancel())}
    >
      <h2>Edit anchor</h2>
      <p class="muted">Saving keeps this version in the history and adds a new one.</p>
      {restored && (
        <p class="note" role="status">
          Restored your unsaved edit from {new Date(restored.updatedAt).toLocaleString()}.{' '}
          <button
            type="button"
            class="link"
            onClick={() => {
              setValues(valuesOf(anchor));
              setRestored(null);
              void deleteDraft(anchor.id);
            }}
          >
            Discard it
          </button>
        </p>
      )}
      {FIELDS.map(({ key, label, rows, hint }) => {
        const error = errors[key];
        const common = {
          id: `edit-${key}`,
          value: values[key],
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `edit-${key}-error` : undefined,
          onInput: (event: Event) => {
            const next = { ...values, [key]: (event.currentTarget as HTMLInputElement).value };
            setValues(next);
            keepDraft(next);
          },
        };
        return (
          <div class="field" key={key}>
            <label for={`edit-${key}`}>
              {label}
              {hint && <span class="muted"> ({hint})</span>}
            </label>
            {rows === 0 ? <input type="text" {...common} /> : <textarea rows={rows} {...common} />}
            {error && (
              <p class="field-error" id={`edit-${key}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      {failure && <p role="alert" class="error">{failure}</p>}
      {conflict && (
        <div role="alert" class="warning">
          <p>{conflict.message} Your edit is still here.</p>
          <button type="button" class="btn primary" onClick={() => void store(conflict.draft, false)}>
            Save as a new version anyway
          </button>
        </div>
      )}
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={saving} title="Save as a new version (Enter in the name field)">
          Save as new version
        </button>
        <button type="button" class="btn" onClick={cancel} title="Cancel (Esc)">
          Cancel
        </button>
      </div>
    </form>
  );
}

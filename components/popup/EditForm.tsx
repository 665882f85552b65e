import { useEffect, useRef, useState } from 'preact/hooks';
import { AnchorDraftSchema, FIELD_LABELS, type Anchor, type AnchorDraft } from '../../lib/anchor';
import { saveEditedVersion } from './actions';

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

/** Edits a version; saving stores a new version and leaves the old one in the history. */
export function EditForm({ anchor, onSaved, onCancel }: Props) {
  const [values, setValues] = useState<Values>({ ...anchor, dependencies: anchor.dependencies.join('\n') });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState('');
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => form.current?.querySelector<HTMLElement>('input, textarea')?.focus(), []);

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
    setSaving(true);
    try {
      onSaved(await saveEditedVersion(anchor, result.draft));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setSaving(false);
    }
  };

  return (
    <form
      ref={form}
      class="edit"
      aria-label={`Edit ${anchor.name}`}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && (event.preventDefault(), onCancel())}
    >
      <h2>Edit anchor</h2>
      <p class="muted">Saving keeps this version in the history and adds a new one.</p>
      {FIELDS.map(({ key, label, rows, hint }) => {
        const error = errors[key];
        const common = {
          id: `edit-${key}`,
          value: values[key],
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `edit-${key}-error` : undefined,
          onInput: (event: Event) => setValues({ ...values, [key]: (event.currentTarget as HTMLInputElement).value }),
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
      <div class="form-actions">
        <button type="submit" class="btn primary" disabled={saving} title="Save as a new version (Enter in the name field)">
          Save as new version
        </button>
        <button type="button" class="btn" onClick={onCancel} title="Cancel (Esc)">
          Cancel
        </button>
      </div>
    </form>
  );
}

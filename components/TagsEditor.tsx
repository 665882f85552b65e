import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTagInput, parseTagInput } from '../lib/model/tags';

type Props = {
  /** The anchor name the tags belong to (every version of it gets them). */
  name: string;
  tags: readonly string[] | undefined;
  /** Stores the tags; a thrown error is shown next to the field and the edit stays open. */
  onSave: (tags: string[]) => Promise<void>;
  /** A "Tags" heading at this level (the popup's details); none in a list that names the anchor already. */
  heading?: 'h2' | 'h3';
};

/** An anchor's tags as chips, and a small form to change them (comma-separated). Shared by the popup and the library page. */
export function TagsEditor({ name, tags, onSave, heading }: Props) {
  const Heading = heading;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) input.current?.focus();
    else if (returnFocus.current) editButton.current?.focus();
    returnFocus.current = false;
  }, [editing]);

  const open = () => {
    setValue(formatTagInput(tags));
    setError(null);
    setEditing(true);
  };
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const save = async () => {
    const parsed = parseTagInput(value);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setSaving(true);
    try {
      await onSave(parsed.tags);
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const fieldId = `tags-${name}`;
  return (
    <div class="tags-editor">
      {Heading && <Heading>Tags</Heading>}
      {editing ? (
        <form
          class="tags-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              close();
            }
          }}
        >
          <label for={fieldId}>Tags for {name}</label>
          <input
            ref={input}
            id={fieldId}
            type="text"
            value={value}
            placeholder="thesis, client x"
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby={error ? `${fieldId}-error` : `${fieldId}-hint`}
            onInput={(event) => setValue(event.currentTarget.value)}
          />
          <span class="muted hint" id={`${fieldId}-hint`}>
            Separate tags with commas. Every version of {name} gets them.
          </span>
          {error && (
            <p class="field-error" id={`${fieldId}-error`} role="alert">
              {error}
            </p>
          )}
          <span class="tags-form-actions">
            <button type="submit" class="btn primary" disabled={saving}>
              Save tags
            </button>
            <button type="button" class="btn" onClick={close}>
              Cancel
            </button>
          </span>
        </form>
      ) : (
        <p class="tags-line">
          {tags && tags.length > 0 ? (
            <span class="tags" aria-label={`Tags of ${name}`}>
              {tags.map((tag) => (
                <span class="tag" key={tag}>
                  {tag}
                </span>
              ))}
            </span>
          ) : (
            <span class="muted">No tags</span>
          )}{' '}
          <button ref={editButton} type="button" class="link" aria-label={`Change tags of ${name}`} onClick={open}>
            Change tags
          </button>
        </p>
      )}
    </div>
  );
}

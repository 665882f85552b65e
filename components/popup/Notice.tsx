export type NoticeState = { kind: 'info' | 'error' | 'busy'; text: string; details?: string[] } | null;

function Dismiss({ onDismiss }: { onDismiss: () => void }) {
  return (
    <button type="button" class="icon" aria-label="Dismiss" title="Dismiss" onClick={onDismiss}>
      ×
    </button>
  );
}

/** The status line under the header: progress and results politely, errors at once. */
export function Notice({ notice, onDismiss }: { notice: NoticeState; onDismiss: () => void }) {
  const error = notice?.kind === 'error' ? notice : null;
  const info = notice && notice.kind !== 'error' ? notice : null;
  return (
    <>
      <div role="status" class="live">
        {info && (
          <div class="notice">
            {info.kind === 'busy' && <progress aria-label={info.text} />}
            <span class="notice-text">{info.text}</span>
            {info.kind !== 'busy' && <Dismiss onDismiss={onDismiss} />}
            {info.details && info.details.length > 0 && (
              <ul class="notice-details" aria-label="Warnings">
                {info.details.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <div role="alert" class="live">
        {error && (
          <div class="notice error">
            <span class="notice-text">{error.text}</span>
            <Dismiss onDismiss={onDismiss} />
          </div>
        )}
      </div>
    </>
  );
}

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Anchor } from '../../lib/model/anchor';
import { errorText, usePopupApi } from './context';
import { loadActions } from './lazy';
import { RelTime } from './RelTime';
import { VirtualList } from './VirtualList';
import { instant, newestFirst } from '../../lib/model/order';

const ROW_HEIGHT = 64;

/** Deleted versions, last deleted first: restore them, or delete them for good after a confirmation. */
export function TrashView({ trash }: { trash: Anchor[] }) {
  const api = usePopupApi();
  const [confirming, setConfirming] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement | null>(null);
  const sorted = useMemo(
    () => [...trash].sort((a, b) => instant(b.deletedAt) - instant(a.deletedAt) || newestFirst(a, b)),
    [trash],
  );

  const act = async (work: (actions: Awaited<ReturnType<typeof loadActions>>) => Promise<unknown>, done: string) => {
    setConfirming(null);
    try {
      await work(await loadActions());
      api.notify(done);
    } catch (error) {
      api.notify(errorText(error), 'error');
    }
  };

  const ids = sorted.map((a) => a.id);
  const expanded = confirming === null ? -1 : sorted.findIndex((a) => a.id === confirming);

  return (
    <section class="trash" aria-label="Trash">
      <div class="trash-head">
        <h2>Trash</h2>
        {sorted.length > 0 && (
          <>
            <button type="button" class="btn" onClick={() => void act((a) => a.restoreAnchors(ids), `Restored ${ids.length} from the trash.`)}>
              Restore all
            </button>
            <button type="button" class="btn danger" onClick={() => setConfirming('*')}>
              Empty trash
            </button>
          </>
        )}
      </div>
      {confirming === '*' && (
        <Confirm
          text={`Delete all ${sorted.length} versions in the trash for good? This cannot be undone.`}
          onYes={() => void act((a) => a.purgeAnchors(ids), 'Emptied the trash.')}
          onNo={() => setConfirming(null)}
        />
      )}
      {sorted.length === 0 ? (
        <p class="empty">The trash is empty. Deleted anchors wait here until you restore them or delete them for good.</p>
      ) : (
        <VirtualList
          count={sorted.length}
          rowHeight={ROW_HEIGHT}
          expanded={expanded}
          keep={expanded}
          label="Deleted anchors"
          viewportRef={viewport}
          renderRow={(i) => {
            const anchor = sorted[i]!;
            return (
              <div class="trash-row" key={anchor.id}>
                <span class="name">{anchor.name}</span>
                <span class="muted">
                  <RelTime iso={anchor.createdAt} timeKnown={anchor.timeKnown} prefix="saved " />
                  {anchor.deletedAt && (
                    <>
                      {' · '}
                      <RelTime iso={anchor.deletedAt} prefix="deleted " />
                    </>
                  )}
                </span>
                <span class="trash-buttons">
                  <button type="button" class="btn" onClick={() => void act((a) => a.restoreAnchors([anchor.id]), `Restored [${anchor.name}].`)}>
                    Restore
                  </button>
                  <button type="button" class="btn danger" onClick={() => setConfirming(anchor.id)}>
                    Delete for good
                  </button>
                </span>
                {confirming === anchor.id && (
                  <Confirm
                    text={`Delete this version of [${anchor.name}] for good? This cannot be undone.`}
                    onYes={() => void act((a) => a.purgeAnchors([anchor.id]), `Deleted [${anchor.name}] for good.`)}
                    onNo={() => setConfirming(null)}
                  />
                )}
              </div>
            );
          }}
        />
      )}
    </section>
  );
}

function Confirm({ text, onYes, onNo }: { text: string; onYes: () => void; onNo: () => void }) {
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div class="confirm" role="alertdialog" aria-label="Confirm" aria-describedby="confirm-text" onKeyDown={(e) => e.key === 'Escape' && onNo()}>
      <p id="confirm-text">{text}</p>
      <button type="button" class="btn danger" ref={yes} onClick={onYes}>
        Yes, delete for good
      </button>
      <button type="button" class="btn" onClick={onNo}>
        Cancel
      </button>
    </div>
  );
}

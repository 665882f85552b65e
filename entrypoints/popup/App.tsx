import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import type { Anchor } from '../../lib/model/anchor';
import type { EditForm as EditFormType } from '../../components/popup/EditForm';
import { PopupApiContext, errorText, type PopupApi } from '../../components/popup/context';
import { PopupLogFile } from '../../components/log-file/PopupLogFile';
import { HeaderBar } from '../../components/popup/HeaderBar';
import { loadActions, warmActions } from '../../components/popup/lazy';
import { Library, type Filters } from '../../components/popup/Library';
import { LongResumeWarning } from '../../components/popup/LongResumeWarning';
import { Notice, type NoticeState } from '../../components/popup/Notice';
import { markFirstListPaint } from '../../components/popup/perf';
import { Toast, type ToastState } from '../../components/popup/Toast';
import { TrashView } from '../../components/popup/TrashView';
import { useResume } from '../../components/popup/useResume';
import { useLibrary } from '../../components/popup/useLibrary';

type Editor = FunctionComponent<Parameters<typeof EditFormType>[0]>;

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** The library: header, status, search and list, trash, the edit form, the undo toast. */
export function App() {
  const { index, partial, trash, error } = useLibrary();
  const [filters, setFilters] = useState<Filters>({ query: '', project: '', sort: 'newest', tag: '' });
  const [view, setView] = useState<'library' | 'trash'>('library');
  const [expandedName, setExpandedName] = useState<string | null>(null);
  const [editing, setEditing] = useState<Anchor | null>(null);
  const [Editor, setEditor] = useState<Editor | null>(null);
  const [notice, setNotice] = useState<NoticeState>(null);
  const [toast, setToast] = useState<ToastState>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const search = useRef<HTMLInputElement>(null);
  const notify = useMemo<PopupApi['notify']>(() => (text, kind = 'info', details) => setNotice({ kind, text, details }), []);
  const { resume, long, cancelLong } = useResume(notify);

  useLayoutEffect(() => {
    if (index || error) markFirstListPaint();
  }, [index, error]);
  useEffect(warmActions, []);

  const api = useMemo<PopupApi>(
    () => ({
      notify,
      resume,
      edit(anchor) {
        setEditing(anchor);
        loadActions().then((actions) => setEditor(() => actions.EditForm), (e: unknown) => notify(errorText(e), 'error'));
      },
      trash(anchors, what) {
        const ids = anchors.map((a) => a.id);
        loadActions()
          .then(async (actions) => {
            await actions.trashAnchors(ids);
            const undo = () => {
              setToast(null);
              actions.restoreAnchors(ids).then(() => notify(`Restored ${what}.`), (e: unknown) => notify(errorText(e), 'error'));
            };
            setToast({ id: Date.now(), message: `Moved ${what} to the trash.`, undo });
          })
          .catch((e: unknown) => notify(errorText(e), 'error'));
      },
    }),
    [notify, resume],
  );

  // An edit left unsaved when the popup closed (it closes as soon as it loses focus) comes back,
  // once the list has painted: the check needs the lazy chunk, which must not delay the first paint.
  useEffect(() => {
    const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    idle(() => {
      loadActions()
        .then((actions) => actions.draftToReopen())
        .then((found) => found && api.edit(found.anchor), (e: unknown) => api.notify(errorText(e), 'error'));
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && !isTyping(event.target) && view === 'library' && !editing) {
        event.preventDefault();
        search.current?.focus();
      } else if (event.key === 'Escape' && view === 'trash') {
        setView('library');
      } else if (event.key === 'z' && (event.ctrlKey || event.metaKey) && !isTyping(event.target) && toast?.undo) {
        event.preventDefault();
        toast.undo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view, editing, toast]);

  const closeEditor = (saved: Anchor | null, message: string) => {
    setEditing(null);
    api.notify(message);
    if (saved) setExpandedName(saved.name);
    setFocusRequest((n) => n + 1);
  };

  return (
    <PopupApiContext.Provider value={api}>
      <div class="popup">
        <HeaderBar view={view} trashCount={trash.length} onView={setView} />
        <PopupLogFile />
        <Notice notice={notice} onDismiss={() => setNotice(null)} />
        {error && <p class="error" role="alert">{error}</p>}
        {/* One main landmark whatever is on show: the library, the editor or the trash. */}
        <main class="main">
          {editing &&
            (Editor ? (
              <Editor
                anchor={editing}
                onSaved={(saved) =>
                  closeEditor(saved, saved ? `Saved a new version of [${saved.name}].` : 'Nothing changed, so no new version was saved.')
                }
                onCancel={() => closeEditor(null, 'Edit cancelled.')}
              />
            ) : (
              <p class="muted pad">Opening the editor…</p>
            ))}
          {long && (
            <LongResumeWarning long={long} onResume={() => resume(long.anchor, true)} onCancel={cancelLong} />
          )}
          <div class="library" hidden={Boolean(editing) || view !== 'library'}>
            {index && (
              <Library
                index={index}
                partial={partial}
                filters={filters}
                onFilters={setFilters}
                searchRef={search}
                expandedName={expandedName}
                onExpand={setExpandedName}
                onDelete={(group) => api.trash(group.versions, `[${group.name}]`)}
                focusRequest={focusRequest}
              />
            )}
          </div>
          {view === 'trash' && !editing && <TrashView trash={trash} />}
        </main>
        <Toast toast={toast} onClose={() => setToast(null)} />
      </div>
    </PopupApiContext.Provider>
  );
}

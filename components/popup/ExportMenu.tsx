import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, usePopupApi } from './context';
import { loadActions } from './lazy';

const FORMATS = [
  { format: 'markdown', label: 'Markdown log' },
  { format: 'json', label: 'JSON backup' },
] as const;

/** A small menu button: the log as markdown, or everything as a JSON backup (the background downloads it). */
export function ExportMenu() {
  const api = usePopupApi();
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const choose = async (format: 'markdown' | 'json') => {
    close();
    api.notify('Exporting…', 'busy');
    try {
      const { filename, count } = await (await loadActions()).exportLog(format);
      api.notify(`Exported ${count} ${count === 1 ? 'anchor' : 'anchors'} to ${filename}`);
    } catch (error) {
      api.notify(errorText(error), 'error');
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else return;
    event.preventDefault();
  };

  return (
    <div class="menu-wrap" onFocusOut={(event) => open && !menu.current?.contains(event.relatedTarget as Node) && event.relatedTarget !== button.current && setOpen(false)}>
      <button
        ref={button}
        type="button"
        class="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Download the library as a markdown log or a JSON backup"
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div ref={menu} class="menu" role="menu" aria-label="Export" onKeyDown={onKeyDown}>
          {FORMATS.map(({ format, label }) => (
            <button key={format} type="button" role="menuitem" tabIndex={-1} onClick={() => void choose(format)}>
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

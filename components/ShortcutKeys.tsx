import { Fragment } from 'preact';

/** A key combination as the browser writes it, each key in its own <kbd>: Alt+Shift+S. */
export function ShortcutKeys({ keys }: { keys: string }) {
  return (
    <>
      {keys.split(/\+(?!$)/).map((key, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </>
  );
}

/**
 * Our in-page UI sits in open shadow roots on ChatGPT's page, so the page's own scripts (or an
 * XSS there, or another extension's main-world script) can find our buttons and dispatch clicks
 * on them. The browser marks events a person made as trusted; every action that changes or
 * reveals data runs only for those. A keyboard press on a focused button is trusted too.
 *
 * Forms: `requestSubmit()` from a script fires a *trusted* submit event, so a form's action goes
 * on its submit button's click (which Enter in a field also fires, trusted), never on submit.
 */
export function trusted<E extends Event>(action: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) action(event);
  };
}

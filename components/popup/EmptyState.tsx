/** The first thing a new user sees: how the first anchor gets here. */
export function EmptyState() {
  return (
    <div class="empty">
      <h2>No anchors yet</h2>
      <ol>
        <li>Open a chat on chatgpt.com.</li>
        <li>
          Press <strong>Save anchor</strong> next to the message box (or <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>).
        </li>
        <li>It shows up here, ready to resume in a new chat.</li>
      </ol>
      <p class="muted">Already keep a GPT Anchors Log in markdown? Bring it in with Import.</p>
    </div>
  );
}

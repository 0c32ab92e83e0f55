/**
 * The page side of live editing for attach(): the editors whose sessions are
 * open, their change events debounced into `instance.updateCode`, and the other
 * side's text applied through each editor's own API. A change the library
 * applies itself is never sent back: every adapter reports it synchronously
 * (an `input` event we dispatch, CodeMirror's and Ace's change events, Monaco's
 * onDidChangeModelContent, CodeMirror 6's dispatch), while `applying` is set.
 */
export class LiveEditors {
  /** @type {Map<string, { editor: object, unsubscribe: () => void, timer: unknown }>} */
  #watched = new Map();
  #applying = false;
  #instance;
  #live;
  #debounceMs;

  /**
   * @param {import('./web-dev-sync.js').WebDevSync} instance
   * @param {{ live: boolean, debounceMs: number }} options
   */
  constructor(instance, { live, debounceMs }) {
    this.#instance = instance;
    this.#live = live;
    this.#debounceMs = debounceMs;
  }

  /** The editor of `textareaId` has an open session now: follow its changes (live mode). */
  watch(textareaId, editor) {
    const current = this.#watched.get(textareaId);
    if (current?.editor.element === editor.element && current.editor.kind === editor.kind) return;
    this.unwatch(textareaId);
    const entry = { editor, unsubscribe: () => {}, timer: null };
    if (this.#live) {
      entry.unsubscribe = editor.onChange(() => {
        if (this.#applying) return;
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => {
          entry.timer = null;
          this.#instance.updateCode(textareaId, editor.getText());
        }, this.#debounceMs);
      });
    }
    this.#watched.set(textareaId, entry);
  }

  /** The editor last used for `textareaId`, if it is still in the page. */
  editorOf(textareaId) {
    const entry = this.#watched.get(textareaId);
    return entry?.editor.element.isConnected ? entry.editor : undefined;
  }

  /** Puts the other side's text into the editor without sending it back. */
  apply(textareaId, editor, code) {
    const entry = this.#watched.get(textareaId);
    if (entry) {
      clearTimeout(entry.timer); // the page's pending change is replaced by the relay's text
      entry.timer = null;
    }
    this.#applying = true;
    try {
      editor.setText(code);
    } finally {
      this.#applying = false;
    }
  }

  unwatch(textareaId) {
    const entry = this.#watched.get(textareaId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.unsubscribe();
    this.#watched.delete(textareaId);
  }

  unwatchAll() {
    for (const textareaId of [...this.#watched.keys()]) this.unwatch(textareaId);
  }
}

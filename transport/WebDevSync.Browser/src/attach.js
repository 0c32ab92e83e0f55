/**
 * The seed's integration pattern, packaged: one call wires every
 * `.external-editor-btn` under `root` to a WebDevSync instance.
 *
 *   <textarea id="code-1"></textarea>
 *   <button class="external-editor-btn" data-textarea-id="code-1" data-file-type="js">Edit</button>
 *   const detach = WebDevSync.attach(document, sync);
 *
 * - Clicks are handled by one delegated listener on `root`, so buttons added
 *   later work too.
 * - Repeated clicks on a button are ignored while its request is in flight and
 *   for `debounceMs` after it (prevents opening the same file five times).
 * - Buttons are disabled while disconnected or while no agent is connected.
 * - `data-textarea-id` names the element holding the code: a textarea or
 *   input, a contenteditable element, CodeMirror 5 or 6, Monaco, Ace, or an
 *   editor registered with WebDevSync.registerEditor (src/editors/). The kind
 *   is detected on each click; updates go through that editor's own API.
 * - Without `data-file-type` the type comes from the editor's language, else `txt`.
 * - Live (default): while a session is open the user's changes in the page are
 *   sent as they happen (debounced by `liveDebounceMs`); `{ live: false }`
 *   sends the text only when the button is clicked.
 * - Outcomes are announced as bubbling DOM events on the button:
 *   `webdevsync:sent` (detail: { textareaId, sessionId, kind }) and
 *   `webdevsync:error` (detail: { textareaId, error }).
 */

import { findEditor } from './editors/detect.js';
import { WebDevSyncError } from './errors.js';
import { LiveEditors } from './live-editors.js';

export const BUTTON_SELECTOR = '.external-editor-btn';
export const DEFAULT_DEBOUNCE_MS = 500;
export const DEFAULT_LIVE_DEBOUNCE_MS = 50;
const OPTION_KEYS = ['debounceMs', 'live', 'liveDebounceMs', 'monaco', 'ace', 'codemirror6'];

/**
 * @param {Document | Element} root where the buttons live
 * @param {import('./web-dev-sync.js').WebDevSync} instance
 * @param {import('../web-dev-sync').AttachOptions} [options]
 * @returns {() => void} detach: removes every listener and subscription it added
 */
export function attach(root, instance, options = {}) {
  if (!root || typeof root.addEventListener !== 'function') throw new TypeError('root must be a Document or Element');
  if (!instance || typeof instance.editCodeSnippet !== 'function') throw new TypeError('instance must be a WebDevSync');
  const { debounceMs, live, liveDebounceMs, libraries } = attachOptions(options);
  const document = root.ownerDocument ?? root;
  /** Buttons that ignore clicks right now (in flight or just clicked). */
  const busy = new WeakSet();
  const timers = new Set();
  const editors = new LiveEditors(instance, { live, debounceMs: liveDebounceMs });

  const usable = () => instance.isConnected() && instance.desktopConnected;
  const buttons = () => root.querySelectorAll(BUTTON_SELECTOR);
  const refresh = () => {
    const disabled = !usable();
    for (const button of buttons()) button.disabled = disabled;
  };

  function announce(button, name, detail) {
    button.dispatchEvent(new CustomEvent(`webdevsync:${name}`, { bubbles: true, detail }));
  }

  /** The editor in the element `textareaId` names, or an Error saying what is missing. */
  function editorFor(textareaId) {
    const element = textareaId ? document.getElementById(textareaId) : null;
    if (!element) return new WebDevSyncError('NO_ELEMENT', `No element with id "${textareaId}" (data-textarea-id)`);
    return findEditor(element, libraries)
      ?? new WebDevSyncError('NO_EDITOR', `The element #${textareaId} (<${element.localName}>) holds no editor WebDevSync knows: a textarea, input, contenteditable, CodeMirror 5 or 6, Monaco, Ace, or one given to WebDevSync.registerEditor`);
  }

  async function onClick(event) {
    const button = event.target instanceof Element ? event.target.closest(BUTTON_SELECTOR) : null;
    if (!button || !root.contains(button)) return;
    event.preventDefault(); // a button inside a <form> must not submit it, debounced clicks included
    if (button.disabled || busy.has(button)) return;
    const textareaId = button.dataset.textareaId;
    const editor = editorFor(textareaId);
    if (editor instanceof Error) {
      announce(button, 'error', { textareaId, error: editor });
      return;
    }
    busy.add(button);
    const watchedBefore = editors.editorOf(textareaId) !== undefined;
    try {
      const code = editor.getText();
      const fileType = button.dataset.fileType || editor.fileType() || 'txt';
      const accepted = instance.editCodeSnippet(textareaId, code, fileType, { selection: selectionWithin(editor, code) });
      editors.watch(textareaId, editor); // now: changes typed while the relay takes the request are kept for it
      const { sessionId } = await accepted;
      announce(button, 'sent', { textareaId, sessionId, kind: editor.kind });
    } catch (error) {
      if (!watchedBefore) editors.unwatch(textareaId);
      announce(button, 'error', { textareaId, error });
    } finally {
      const timer = setTimeout(() => {
        timers.delete(timer);
        busy.delete(button);
      }, debounceMs);
      timers.add(timer);
    }
  }

  function onCodeUpdate(textareaId, code) {
    const editor = editors.editorOf(textareaId) ?? editorFor(textareaId);
    if (editor instanceof Error) return;
    editors.apply(textareaId, editor, code);
  }

  root.addEventListener('click', onClick);
  const unsubscribers = [
    instance.statusChange(refresh),
    instance.onDesktopStatus(refresh),
    instance.onCodeUpdate(onCodeUpdate),
    instance.onSessionClosed((textareaId) => textareaId !== undefined && editors.unwatch(textareaId)),
  ];
  // Buttons inserted later get the current enabled state too.
  const observer = typeof MutationObserver === 'function' ? new MutationObserver(refresh) : null;
  observer?.observe(root, { childList: true, subtree: true });
  refresh();

  return function detach() {
    root.removeEventListener('click', onClick);
    for (const unsubscribe of unsubscribers) unsubscribe();
    observer?.disconnect();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    editors.unwatchAll();
  };
}

function attachOptions(options) {
  if (typeof options !== 'object' || options === null) throw new TypeError('attach options must be an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new TypeError(`Unknown attach option "${key}" (known: ${OPTION_KEYS.join(', ')})`);
  }
  const { debounceMs = DEFAULT_DEBOUNCE_MS, live = true, liveDebounceMs = DEFAULT_LIVE_DEBOUNCE_MS, monaco, ace, codemirror6 } = options;
  for (const [name, value] of [['debounceMs', debounceMs], ['liveDebounceMs', liveDebounceMs]]) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`attach option ${name} must be a non-negative number`);
  }
  if (typeof live !== 'boolean') throw new TypeError('attach option live must be a boolean');
  return { debounceMs, live, liveDebounceMs, libraries: { monaco, ace, codemirror6 } };
}

/** The editor's selection when it knows one that fits the text (else none is sent). */
function selectionWithin(editor, code) {
  const selection = editor.getSelection?.();
  if (!selection) return undefined;
  const { start, end } = selection;
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end <= code.length ? { start, end } : undefined;
}

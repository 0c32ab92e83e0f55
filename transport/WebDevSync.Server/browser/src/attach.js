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
 * - An update sets the textarea's value the way frameworks notice (through the
 *   native value setter, so React's value tracker sees the change) and
 *   dispatches a bubbling `input` event.
 * - Outcomes are announced as bubbling DOM events on the button:
 *   `webdevsync:sent` (detail: { textareaId, sessionId }) and
 *   `webdevsync:error` (detail: { textareaId, error }).
 */

export const BUTTON_SELECTOR = '.external-editor-btn';
export const DEFAULT_DEBOUNCE_MS = 500;

/**
 * @param {Document | Element} root where the buttons live
 * @param {import('./web-dev-sync.js').WebDevSync} instance
 * @param {{ debounceMs?: number }} [options]
 * @returns {() => void} detach: removes every listener and subscription it added
 */
export function attach(root, instance, options = {}) {
  if (!root || typeof root.addEventListener !== 'function') throw new TypeError('root must be a Document or Element');
  if (!instance || typeof instance.editCodeSnippet !== 'function') throw new TypeError('instance must be a WebDevSync');
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const document = root.ownerDocument ?? root;
  /** Buttons that ignore clicks right now (in flight or just clicked). */
  const busy = new WeakSet();
  const timers = new Set();

  const usable = () => instance.isConnected() && instance.desktopConnected;
  const buttons = () => root.querySelectorAll(BUTTON_SELECTOR);
  const refresh = () => {
    const disabled = !usable();
    for (const button of buttons()) button.disabled = disabled;
  };

  function announce(button, name, detail) {
    button.dispatchEvent(new CustomEvent(`webdevsync:${name}`, { bubbles: true, detail }));
  }

  async function onClick(event) {
    const button = event.target instanceof Element ? event.target.closest(BUTTON_SELECTOR) : null;
    if (!button || !root.contains(button)) return;
    event.preventDefault(); // a button inside a <form> must not submit it, debounced clicks included
    if (button.disabled || busy.has(button)) return;
    const textareaId = button.dataset.textareaId;
    const textarea = textareaId ? document.getElementById(textareaId) : null;
    if (!textarea) {
      announce(button, 'error', { textareaId, error: new Error(`No element with id "${textareaId}" (data-textarea-id)`) });
      return;
    }
    busy.add(button);
    try {
      const { sessionId } = await instance.editCodeSnippet(textareaId, textarea.value, button.dataset.fileType || 'txt');
      announce(button, 'sent', { textareaId, sessionId });
    } catch (error) {
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
    const textarea = document.getElementById(textareaId);
    if (!textarea) return;
    setValueLikeAUser(textarea, code);
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  root.addEventListener('click', onClick);
  const unsubscribers = [
    instance.statusChange(refresh),
    instance.onDesktopStatus(refresh),
    instance.onCodeUpdate(onCodeUpdate),
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
  };
}

/**
 * Assigns through the prototype's setter: frameworks such as React override
 * `value` on the element to track changes, and would otherwise swallow the
 * following input event as "no change".
 * @param {HTMLTextAreaElement | HTMLInputElement} element
 * @param {string} value
 */
function setValueLikeAUser(element, value) {
  const prototype = Object.getPrototypeOf(element);
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}

/**
 * Adapters the page registers for editors the library does not know:
 *
 *   WebDevSync.registerEditor(element, {
 *     getText: () => myEditor.text,
 *     setText: (text) => myEditor.replaceAll(text),
 *     onChange: (listener) => myEditor.subscribe(listener),   // optional: returns an unsubscribe function
 *     getSelection: () => ({ start, end }),                    // optional: UTF-16 offsets
 *     fileType: 'lua',                                         // optional: string or () => string
 *   });
 *
 * Registered per element (the one `data-textarea-id` names, or one inside it).
 */

/** @type {WeakMap<Element, object>} */
const registered = new WeakMap();

/**
 * @param {Element} element
 * @param {{ getText: () => string, setText: (text: string) => void, onChange?: Function, getSelection?: Function, fileType?: string | Function }} adapter
 * @returns {() => void} unregister
 */
export function registerEditor(element, adapter) {
  if (!element || element.nodeType !== 1) throw new TypeError('registerEditor: element must be a DOM element');
  if (typeof adapter?.getText !== 'function' || typeof adapter.setText !== 'function') {
    throw new TypeError('registerEditor: the adapter needs getText() and setText(text) functions');
  }
  for (const name of ['onChange', 'getSelection']) {
    if (adapter[name] !== undefined && typeof adapter[name] !== 'function') throw new TypeError(`registerEditor: adapter.${name} must be a function`);
  }
  if (adapter.fileType !== undefined && typeof adapter.fileType !== 'string' && typeof adapter.fileType !== 'function') {
    throw new TypeError('registerEditor: adapter.fileType must be a string or a function');
  }
  const entry = { adapter };
  registered.set(element, entry);
  return () => {
    if (registered.get(element) === entry) registered.delete(element);
  };
}

/** The registered adapter of `element` or of an element inside it, in the shape of the built-in ones. */
export function registeredAdapter(element) {
  const owner = registered.has(element) ? element : [...element.querySelectorAll('*')].find((child) => registered.has(child));
  if (!owner) return null;
  const { adapter } = registered.get(owner);
  return {
    kind: 'custom',
    element: owner,
    getText: () => {
      const text = adapter.getText();
      if (typeof text !== 'string') throw new TypeError('the registered editor\'s getText() did not return a string');
      return text;
    },
    setText: (text) => adapter.setText(text),
    getSelection: () => validSelection(adapter.getSelection?.()),
    onChange(listener) {
      const unsubscribe = adapter.onChange?.(listener);
      return typeof unsubscribe === 'function' ? unsubscribe : () => {};
    },
    fileType: () => (typeof adapter.fileType === 'function' ? adapter.fileType() : adapter.fileType),
  };
}

function validSelection(selection) {
  if (!selection) return undefined;
  const { start, end } = selection;
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end >= start ? { start, end } : undefined;
}

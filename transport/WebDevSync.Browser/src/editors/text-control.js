/**
 * <textarea> and text-like <input>: the value is set through the prototype's
 * setter (frameworks such as React override `value` on the element to track
 * changes, and would otherwise swallow the following input event as "no
 * change"), a bubbling `input` event follows, and the selection is carried over
 * the replaced range.
 */

import { mapOffset, replacedRange } from './text-diff.js';

/** @param {Element} element */
export function textControlAdapter(element) {
  const isControl = element.localName === 'textarea' || (element.localName === 'input' && typeof element.setSelectionRange === 'function');
  if (!isControl) return null;
  return {
    kind: element.localName,
    element,
    getText: () => element.value,
    setText(text) {
      const before = element.value;
      if (before === text) return;
      const change = replacedRange(before, text);
      const selection = readSelection(element);
      setValueLikeAUser(element, text);
      // Kept with or without focus (the user has usually clicked elsewhere); setting it does not take focus.
      if (selection) {
        element.setSelectionRange(mapOffset(selection.start, change), mapOffset(selection.end, change), element.selectionDirection ?? 'none');
      }
      element.dispatchEvent(new Event('input', { bubbles: true }));
    },
    getSelection: () => readSelection(element),
    onChange(listener) {
      element.addEventListener('input', listener);
      return () => element.removeEventListener('input', listener);
    },
    fileType: () => undefined,
  };
}

/** Some input types (email, number) have no selection and throw when asked for it. */
function readSelection(element) {
  try {
    const { selectionStart: start, selectionEnd: end } = element;
    return start === null || end === null ? undefined : { start, end };
  } catch {
    return undefined;
  }
}

/** @param {HTMLTextAreaElement | HTMLInputElement} element @param {string} value */
function setValueLikeAUser(element, value) {
  const prototype = Object.getPrototypeOf(element);
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
}

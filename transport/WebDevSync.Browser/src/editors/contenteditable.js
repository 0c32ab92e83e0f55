/**
 * An element with `contenteditable`, edited as plain text (see plain-text.js).
 * After an update the caret keeps its text offset (moved like the text around
 * it) when the element had it, and a bubbling `input` event
 * (inputType `insertReplacementText`) tells the page's listeners.
 */

import { fill, positionAt, serialize } from './plain-text.js';
import { mapOffset, replacedRange } from './text-diff.js';

/** @param {HTMLElement} element */
export function contentEditableAdapter(element) {
  if (!element.isContentEditable) return null;
  const document = element.ownerDocument;
  const selectionInside = () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return undefined;
    const range = selection.getRangeAt(0);
    if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return undefined;
    const start = serialize(element, { node: range.startContainer, offset: range.startOffset }).pointOffset;
    const end = serialize(element, { node: range.endContainer, offset: range.endOffset }).pointOffset;
    return start === undefined || end === undefined ? undefined : { start, end };
  };
  return {
    kind: 'contenteditable',
    element,
    getText: () => serialize(element).text,
    setText(text) {
      const before = serialize(element).text;
      if (before === text) return;
      const change = replacedRange(before, text);
      const selection = selectionInside();
      fill(element, text);
      if (selection) {
        const start = positionAt(element, mapOffset(selection.start, change));
        const end = positionAt(element, mapOffset(selection.end, change));
        document.getSelection().setBaseAndExtent(start.node, start.offset, end.node, end.offset);
      }
      element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
    },
    getSelection: selectionInside,
    onChange(listener) {
      element.addEventListener('input', listener);
      return () => element.removeEventListener('input', listener);
    },
    fileType: () => undefined,
  };
}

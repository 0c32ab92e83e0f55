/**
 * Ace: the `.ace_editor` element (at or inside the named element), whose editor
 * is `element.env.editor` (set by ace.edit), else `ace.edit(element)`, which
 * returns the editor already there. Updates are one session.replace, recorded by
 * Ace's undo manager; anchors (the cursor) move with the text around them.
 */

import { extensionFor } from './file-types.js';
import { replacedRange } from './text-diff.js';

/** @param {Element} element @param {{ edit?: (el: Element) => any }} [ace] */
export function aceAdapter(element, ace = globalThis.ace) {
  const host = element.matches('.ace_editor') ? element : element.querySelector('.ace_editor');
  if (!host) return null;
  const editor = host.env?.editor ?? (typeof ace?.edit === 'function' ? ace.edit(host) : undefined);
  if (!editor?.session) return null;
  const document = () => editor.session.getDocument();
  return {
    kind: 'ace',
    element: host,
    getText: () => editor.getValue(),
    setText(text) {
      const doc = document();
      const { from, to, insert } = replacedRange(doc.getValue(), text);
      if (from === to && insert === '') return;
      const range = editor.getSelectionRange().constructor; // Ace's Range class, without a module loader
      editor.session.replace(range.fromPoints(doc.indexToPosition(from), doc.indexToPosition(to)), insert);
    },
    getSelection() {
      const range = editor.getSelectionRange();
      const doc = document();
      return { start: doc.positionToIndex(range.start), end: doc.positionToIndex(range.end) };
    },
    onChange(listener) {
      const onChange = () => listener();
      editor.on('change', onChange);
      return () => editor.off('change', onChange);
    },
    fileType: () => extensionFor(editor.session.getMode?.()?.$id),
  };
}

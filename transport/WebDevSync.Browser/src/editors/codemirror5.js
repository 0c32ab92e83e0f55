/**
 * CodeMirror 5: the `.CodeMirror` element (at or inside the named element, or
 * beside the textarea it replaced with CodeMirror.fromTextArea)
 * carries its editor as the `CodeMirror` property. Updates go through
 * replaceRange inside one operation, so the undo history gets one edit and the
 * cursor outside the change stays where it was.
 */

import { extensionFor } from './file-types.js';
import { replacedRange } from './text-diff.js';

/** @param {Element} element */
export function codeMirror5Adapter(element) {
  const host = element.matches('.CodeMirror') ? element : element.querySelector('.CodeMirror') ?? replacementOf(element);
  const cm = host?.CodeMirror;
  if (!cm || typeof cm.replaceRange !== 'function') return null;
  return {
    kind: 'codemirror5',
    element: host,
    getText: () => cm.getValue(),
    setText(text) {
      const { from, to, insert } = replacedRange(cm.getValue(), text);
      if (from === to && insert === '') return;
      cm.operation(() => cm.replaceRange(insert, cm.posFromIndex(from), cm.posFromIndex(to), '+webdevsync'));
    },
    getSelection: () => ({ start: cm.indexFromPos(cm.getCursor('from')), end: cm.indexFromPos(cm.getCursor('to')) }),
    onChange(listener) {
      cm.on('changes', listener);
      return () => cm.off('changes', listener);
    },
    fileType() {
      const mode = cm.getOption('mode');
      // A MIME type says more than the mode behind it (text/typescript runs the javascript mode).
      const named = typeof mode === 'string' ? mode : mode?.name;
      return extensionFor(named) ?? extensionFor(cm.getMode?.().name);
    },
  };
}

/** CodeMirror.fromTextArea hides the textarea and puts the editor right after it. */
function replacementOf(element) {
  const next = element.localName === 'textarea' ? element.nextElementSibling : null;
  return next?.CodeMirror?.getTextArea?.() === element ? next : null;
}

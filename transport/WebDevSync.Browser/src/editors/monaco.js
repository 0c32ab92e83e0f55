/**
 * Monaco: the editor among `monaco.editor.getEditors()` whose DOM node is inside
 * (or is) the named element. `monaco` is the page's global, or the namespace a
 * bundling page passes to attach (`monaco` option). Updates are one
 * executeEdits between undo stops, so Ctrl+Z undoes exactly the update and the
 * cursors outside it stay put.
 */

import { extensionFor } from './file-types.js';
import { replacedRange } from './text-diff.js';

/** @param {Element} element @param {{ editor?: { getEditors?: () => any[] } }} [monaco] */
export function monacoAdapter(element, monaco = globalThis.monaco) {
  const editors = monaco?.editor?.getEditors?.() ?? [];
  const editor = editors.find((candidate) => {
    const node = candidate.getDomNode?.();
    return node && (element === node || element.contains(node));
  });
  const model = () => editor.getModel();
  if (!editor || !model()) return null;
  return {
    kind: 'monaco',
    element: editor.getDomNode(),
    getText: () => model().getValue(),
    setText(text) {
      const current = model();
      const { from, to, insert } = replacedRange(current.getValue(), text);
      if (from === to && insert === '') return;
      const start = current.getPositionAt(from);
      const end = current.getPositionAt(to);
      editor.pushUndoStop();
      editor.executeEdits('webdevsync', [{
        range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column },
        text: insert,
        forceMoveMarkers: false,
      }]);
      editor.pushUndoStop();
    },
    getSelection() {
      const selection = editor.getSelection();
      if (!selection) return undefined;
      const current = model();
      const start = current.getOffsetAt(selection.getStartPosition());
      const end = current.getOffsetAt(selection.getEndPosition());
      return { start, end };
    },
    onChange(listener) {
      const subscription = editor.onDidChangeModelContent(() => listener());
      return () => subscription.dispose();
    },
    fileType: () => extensionFor(model().getLanguageId?.()),
  };
}

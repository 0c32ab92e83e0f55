/**
 * CodeMirror 6: the `.cm-editor` element (at, inside or around the named element). Its
 * EditorView is found the way CodeMirror itself does in EditorView.findFromDOM
 * (the view hangs off `.cm-content`), or with that very function when the page
 * passes its EditorView class (attach's `codemirror6` option). Updates are one
 * dispatched change (undo history and selection mapping are CodeMirror's own);
 * changes are seen by wrapping the view's dispatchTransactions, the hook every
 * transaction of the view passes through.
 */

import { extensionFor } from './file-types.js';
import { replacedRange } from './text-diff.js';

/** @param {Element} element @param {{ EditorView?: { findFromDOM(dom: Element): unknown } }} [codemirror6] */
export function codeMirror6Adapter(element, codemirror6) {
  // Also from inside: `.cm-content` is contenteditable, and must not be edited as plain DOM.
  const host = element.matches('.cm-editor') ? element : element.querySelector('.cm-editor') ?? element.closest('.cm-editor');
  if (!host) return null;
  const view = codemirror6?.EditorView?.findFromDOM?.(host) ?? viewFromDom(host);
  if (!view || typeof view.dispatch !== 'function' || !view.state?.doc) return null;
  const listeners = new Set();
  let unwrap = null;
  const watch = () => {
    const original = view.dispatchTransactions;
    const wrapped = (transactions, ...rest) => {
      original.call(view, transactions, ...rest);
      if (transactions.some((tr) => tr.docChanged)) for (const listener of [...listeners]) listener();
    };
    view.dispatchTransactions = wrapped;
    // Put back only if nobody wrapped it after us.
    return () => {
      if (view.dispatchTransactions === wrapped) view.dispatchTransactions = original;
    };
  };
  return {
    kind: 'codemirror6',
    element: host,
    getText: () => view.state.doc.toString(),
    setText(text) {
      const change = replacedRange(view.state.doc.toString(), text);
      if (change.from === change.to && change.insert === '') return;
      view.dispatch({ changes: change, userEvent: 'input.webdevsync' });
    },
    getSelection: () => ({ start: view.state.selection.main.from, end: view.state.selection.main.to }),
    onChange(listener) {
      if (typeof view.dispatchTransactions !== 'function') return () => {};
      listeners.add(listener);
      unwrap ??= watch();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && unwrap) {
          unwrap();
          unwrap = null;
        }
      };
    },
    // @codemirror/language puts the language's name on the content element.
    fileType: () => extensionFor(view.contentDOM?.getAttribute('data-language') ?? undefined),
  };
}

/** What EditorView.findFromDOM reads: `cmTile` (current versions) or `cmView` (earlier ones) on `.cm-content`. */
function viewFromDom(host) {
  const content = host.querySelector('.cm-content');
  const node = content?.cmTile ?? content?.cmView ?? host.cmTile ?? host.cmView;
  return node?.root?.view ?? node?.rootView?.view ?? node?.view ?? null;
}

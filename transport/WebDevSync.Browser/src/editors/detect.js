/**
 * Finds the editor that lives in the element `data-textarea-id` names. The
 * kinds are tried from the most specific: a registered adapter, a text control,
 * then the rich editors (whose DOM is contenteditable too, so they come before
 * plain contenteditable).
 */

import { aceAdapter } from './ace.js';
import { codeMirror5Adapter } from './codemirror5.js';
import { codeMirror6Adapter } from './codemirror6.js';
import { contentEditableAdapter } from './contenteditable.js';
import { monacoAdapter } from './monaco.js';
import { registeredAdapter } from './registry.js';
import { textControlAdapter } from './text-control.js';

export const EDITOR_KINDS = Object.freeze(['custom', 'textarea', 'input', 'codemirror5', 'codemirror6', 'monaco', 'ace', 'contenteditable']);

/**
 * @param {Element} element
 * @param {{ monaco?: object, ace?: object, codemirror6?: object }} [libraries] the page's editor namespaces, when not globals
 * @returns {import('../../web-dev-sync').EditorAdapter & { kind: string, element: Element } | null}
 */
export function findEditor(element, libraries = {}) {
  return registeredAdapter(element)
    ?? codeMirror5Adapter(element) // first: it may have replaced the textarea named
    ?? textControlAdapter(element)
    ?? codeMirror6Adapter(element, libraries.codemirror6)
    ?? monacoAdapter(element, libraries.monaco)
    ?? aceAdapter(element, libraries.ace)
    ?? contentEditableAdapter(element);
}

/**
 * Plain text of a contenteditable element and back. `innerText` is not used:
 * it depends on layout and turns Chrome's own markup for an empty line
 * (`<div><br></div>`) into two line breaks. Instead: text nodes as they are
 * (non-breaking spaces, which browsers insert for typed runs of spaces, become
 * spaces), each `<br>` a line break except a block's last one (the placeholder
 * that keeps an empty line open), and each block element its own line.
 */

const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tr', 'ul']);

const isBlock = (node) => node.nodeType === 1 && BLOCKS.has(node.localName);

/** Whether a <br> is the last thing in its block (or in the editable root). */
function isPlaceholderBreak(br, root) {
  for (let next = br.nextSibling; next; next = next.nextSibling) {
    if (next.nodeType === 3 && next.data === '') continue;
    return false;
  }
  return br.parentNode === root || isBlock(br.parentNode);
}

/**
 * The plain text of `root`, and the text offset of `point` (a DOM position such
 * as a selection's end) when one is given.
 * @param {Node} root @param {{ node: Node, offset: number }} [point]
 * @returns {{ text: string, pointOffset: number | undefined }}
 */
export function serialize(root, point) {
  let text = '';
  let pendingBreak = false;
  let pointOffset;
  const flush = () => {
    if (pendingBreak) text += '\n';
    pendingBreak = false;
  };
  const mark = (node, offset) => {
    if (point && point.node === node && point.offset === offset && pointOffset === undefined) {
      flush();
      pointOffset = text.length;
    }
  };
  const walk = (node) => {
    node.childNodes.forEach((child, index) => {
      mark(node, index);
      if (child.nodeType === 3) {
        if (child.data !== '') flush();
        if (point && point.node === child) {
          text += child.data.slice(0, point.offset).replace(/\u00a0/g, ' ');
          pointOffset = text.length;
          text += child.data.slice(point.offset).replace(/\u00a0/g, ' ');
        } else {
          text += child.data.replace(/\u00a0/g, ' ');
        }
      } else if (child.localName === 'br') {
        flush();
        if (!isPlaceholderBreak(child, root)) text += '\n';
      } else if (isBlock(child)) {
        if (pendingBreak || (text !== '' && !text.endsWith('\n'))) text += '\n';
        pendingBreak = false;
        walk(child);
        pendingBreak = true;
      } else if (child.nodeType === 1) {
        walk(child);
      }
    });
    mark(node, node.childNodes.length);
  };
  walk(root);
  return { text, pointOffset };
}

/** Whether the element shows line breaks of its text nodes as they are. */
export function keepsNewlines(element) {
  if (element.getAttribute('contenteditable') === 'plaintext-only') return true;
  const whiteSpace = element.ownerDocument.defaultView?.getComputedStyle(element).whiteSpace ?? '';
  return /^(pre|pre-wrap|pre-line|break-spaces)$/.test(whiteSpace);
}

/**
 * Replaces the element's content with `text`: one text node where line breaks
 * show as they are, else text nodes and <br>s (plus the placeholder <br> a
 * trailing empty line needs).
 */
export function fill(element, text) {
  const document = element.ownerDocument;
  if (keepsNewlines(element)) {
    element.replaceChildren(document.createTextNode(text));
    return;
  }
  const nodes = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) nodes.push(document.createElement('br'));
    if (line !== '') nodes.push(document.createTextNode(line));
  });
  if (text.endsWith('\n')) nodes.push(document.createElement('br'));
  element.replaceChildren(...nodes);
}

/** The DOM position at text offset `offset` after fill() (text nodes and <br>s only). */
export function positionAt(element, offset) {
  let remaining = offset;
  for (const [index, child] of [...element.childNodes].entries()) {
    if (child.nodeType === 3) {
      if (remaining <= child.data.length) return { node: child, offset: remaining };
      remaining -= child.data.length;
    } else if (child.localName === 'br') {
      if (remaining === 0) return { node: element, offset: index };
      remaining -= 1;
    }
  }
  return { node: element, offset: element.childNodes.length };
}

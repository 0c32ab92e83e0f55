/**
 * Changes as edits (README "Edits", issue 28): a page change goes to the relay
 * as the edits from the text it builds on, with the result's checksum, and the
 * editor's changes arrive the same way. Pure functions, no I/O.
 *
 * An edit is `[start, end, text]`: UTF-16 code units start..end of the base
 * text become `text`. A change's edits are sorted and do not overlap.
 */

import { replacedRange } from './editors/text-diff.js';

/**
 * The checksum of a text: its length and `h = h * 31 + c` over its UTF-16 code
 * units, modulo 2^32 (the relay's TextSum). Not a defence: a copy that drifted
 * finds out and asks for the whole text.
 * @param {string} text
 */
export function textSum(text) {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return { length: text.length, hash: hash >>> 0 };
}

/**
 * The edits that turn `before` into `after`: one replacement of what lies
 * between their common prefix and suffix (never inside a surrogate pair), none
 * when they are equal. A textarea reports no more than its new value; this is
 * what was typed.
 * @param {string} before @param {string} after
 * @returns {Array<[number, number, string]>}
 */
export function editsBetween(before, after) {
  if (before === after) return [];
  const { from, to, insert } = replacedRange(before, after);
  return [[from, to, insert]];
}

/**
 * `edits` applied to `text`, or undefined when they break the rules (not
 * sorted, overlapping, out of range, cutting a surrogate pair): this copy is
 * not the text they were made on.
 * @param {string} text @param {unknown} edits
 * @returns {string | undefined}
 */
export function applyEdits(text, edits) {
  if (!Array.isArray(edits)) return undefined;
  const parts = [];
  let at = 0;
  for (const edit of edits) {
    if (!Array.isArray(edit) || edit.length !== 3) return undefined;
    const [start, end, insert] = edit;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || typeof insert !== 'string') return undefined;
    if (start < at || end < start || end > text.length || splitsPair(text, start) || splitsPair(text, end)) return undefined;
    parts.push(text.slice(at, start), insert);
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

const splitsPair = (text, at) => at > 0 && at < text.length && isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at));
const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The smallest single replacement that turns one text into another: the common
 * prefix and suffix stay, the middle is replaced. Editors apply it through their
 * own edit API, so the cursor outside the change stays put and the undo history
 * records one small edit instead of "everything replaced".
 * @param {string} before
 * @param {string} after
 * @returns {{ from: number, to: number, insert: string }} UTF-16 offsets into `before`
 */
export function replacedRange(before, after) {
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a surrogate pair: an editor may refuse (or mangle) half a character.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { from: prefix, to: before.length - suffix, insert: after.slice(prefix, after.length - suffix) };
}

const isHighSurrogate = (code) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code) => code >= 0xdc00 && code <= 0xdfff;

/**
 * Where an offset ends up after the replacement (for editors whose selection we restore ourselves).
 * @param {number} offset @param {{ from: number, to: number, insert: string }} change
 */
export function mapOffset(offset, { from, to, insert }) {
  if (offset <= from) return offset;
  if (offset >= to) return offset + insert.length - (to - from);
  return from + insert.length;
}

/**
 * The page context of an edit_request (README "Page context"): where the text
 * comes from and where the cursor is. The relay refuses fields outside its
 * rules, so what the page cannot vouch for is left out rather than sent:
 * a URL longer than the relay takes is not sent, a title is cut to its limit
 * with control characters (shown on the agent's screen) turned into spaces.
 */

export const MAX_URL_LENGTH = 8192;
export const MAX_TITLE_LENGTH = 1024;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]/g;

/**
 * @param {string} code the text the selection refers to
 * @param {{ selection?: { start: number, end: number }, url?: string, title?: string }} context
 * @returns {{ url?: string, title?: string, selection?: { start: number, end: number } }}
 */
export function pageContext(code, context = {}) {
  if (typeof context !== 'object' || context === null) throw new TypeError('context must be an object');
  for (const key of Object.keys(context)) {
    if (!['selection', 'url', 'title'].includes(key)) throw new TypeError(`context.${key} is not a context field (selection, url, title)`);
  }
  const url = context.url ?? globalThis.location?.href;
  const title = context.title ?? globalThis.document?.title;
  if (url !== undefined && typeof url !== 'string') throw new TypeError('context.url must be a string');
  if (title !== undefined && typeof title !== 'string') throw new TypeError('context.title must be a string');
  const result = {};
  if (url && url.length <= MAX_URL_LENGTH && !CONTROL.test(url)) result.url = url;
  if (title !== undefined) result.title = title.replace(CONTROLS, ' ').slice(0, MAX_TITLE_LENGTH);
  if (context.selection !== undefined) result.selection = checkedSelection(context.selection, code);
  return result;
}

function checkedSelection(selection, code) {
  const { start, end } = selection ?? {};
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end > code.length) {
    throw new RangeError(`context.selection must be { start, end } with 0 <= start <= end <= code.length (${code.length})`);
  }
  return { start, end };
}

/**
 * The JSON protocol as the browser sees it: builders for what we send and a
 * validator for what we receive. Pure functions, no I/O.
 *
 * Validation is strict about the fields we act on and lenient about extras, so
 * a newer server can add fields without breaking older pages. Anything we could
 * not act on safely is reported as `{ ok: false, reason }` and then ignored by
 * the caller — a malformed frame must never throw inside the message loop.
 */

/**
 * @param {string} connectionId @param {string} userId @param {Array<{sessionId: string, seq: number}>} sessions
 * @param {boolean} [acceptsEdits] the editor's changes may come as edits (README "Edits"), where the transport carries them
 */
export function browserConnect(connectionId, userId, sessions, acceptsEdits = false) {
  // acceptsCodeMerged: this library understands code_merged, so an overtaken page change may be merged
  // with the editor's (README "Live editing"). The resume cursor: what this tab already has, so the
  // server sends only what it missed.
  const payload = { acceptsCodeMerged: true };
  if (acceptsEdits) payload.acceptsEdits = true;
  if (sessions.length > 0) payload.sessions = sessions;
  return { type: 'browser_connect', connectionId, userId, payload };
}

/**
 * @param {string} connectionId @param {string} userId @param {string} sessionId @param {string} textareaId @param {string} code @param {string} fileType
 * @param {{ url?: string, title?: string, selection?: { start: number, end: number } }} [context] the page's context; each field only when known
 */
export function editRequest(connectionId, userId, sessionId, textareaId, code, fileType, context = {}) {
  const payload = { textareaId, code, fileType };
  if (context.url !== undefined) payload.url = context.url;
  if (context.title !== undefined) payload.title = context.title;
  if (context.selection !== undefined) payload.selection = { start: context.selection.start, end: context.selection.end };
  return { type: 'edit_request', connectionId, userId, sessionId, payload };
}

/** A change made in the page (live editing): `baseSeq` is the newest seq the tab has seen of the session. */
export function codeUpdate(connectionId, userId, sessionId, textareaId, code, baseSeq) {
  return { type: 'code_update', connectionId, userId, sessionId, payload: { textareaId, code, baseSeq } };
}

/** The page is being unloaded (page-leaving.js): the relay ends its sessions unless it comes back soon. */
export function browserLeaving(connectionId, userId) {
  return { type: 'browser_leaving', connectionId, userId };
}

/**
 * A page change as edits of the text it builds on, with the result's checksum (README "Edits").
 * Without the ids the connection already fixed: a keystroke in a large text stays a small message.
 * @param {string} sessionId @param {string} textareaId @param {Array<[number, number, string]>} edits @param {{ length: number, hash: number }} sum @param {number} baseSeq
 */
export function codeEdits(sessionId, textareaId, edits, sum, baseSeq) {
  return { type: 'code_update', sessionId, payload: { textareaId, edits, length: sum.length, hash: sum.hash, baseSeq } };
}

/** This copy of a session's text drifted (edits that did not fit): the relay answers with the whole text. */
export function codeRefresh(sessionId) {
  return { type: 'code_refresh', sessionId };
}

export const PING = Object.freeze({ type: 'ping' });

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v) => typeof v === 'string' && v.length > 0;
const isSeq = (v) => Number.isSafeInteger(v) && v >= 0;

const invalid = (reason) => ({ ok: false, reason });
const valid = (message) => ({ ok: true, message: Object.freeze(message) });

/** The editor's change as edits: applied later to this copy's text, which checks them (text-edits.js). */
function codeEditsOf(m) {
  const { textareaId, edits, length, hash, baseSeq, seq } = m.payload;
  if (!isNonEmptyString(textareaId)) return invalid('code_update.payload.textareaId is missing');
  if (!Array.isArray(edits)) return invalid('code_update.payload.edits is not an array');
  if (!isSeq(length) || !Number.isSafeInteger(hash) || hash < 0) return invalid('code_update.payload.length or hash is not a non-negative integer');
  if (!isSeq(baseSeq) || !isSeq(seq)) return invalid('code_update.payload.baseSeq or seq is not a non-negative integer');
  return valid({ type: 'code_edits', sessionId: m.sessionId, textareaId, edits, sum: { length, hash }, baseSeq, seq });
}

/** One validator per server message type; each returns the normalised message or a reason. */
const validators = {
  connection_ack(m) {
    if (m.connectionId !== undefined && typeof m.connectionId !== 'string') return invalid('connection_ack.connectionId is not a string');
    return valid({ type: 'connection_ack', connectionId: m.connectionId, acceptsEdits: isObject(m.payload) && m.payload.acceptsEdits === true });
  },
  desktop_status(m) {
    if (!isObject(m.payload) || typeof m.payload.connected !== 'boolean') return invalid('desktop_status.payload.connected is not a boolean');
    return valid({ type: 'desktop_status', connected: m.payload.connected });
  },
  code_update(m) {
    if (!isNonEmptyString(m.sessionId)) return invalid('code_update.sessionId is missing');
    if (!isObject(m.payload)) return invalid('code_update.payload is missing');
    if (m.payload.edits !== undefined) return codeEditsOf(m);
    const { textareaId, code, seq } = m.payload;
    if (!isNonEmptyString(textareaId)) return invalid('code_update.payload.textareaId is missing');
    if (typeof code !== 'string') return invalid('code_update.payload.code is not a string');
    if (seq !== undefined && !isSeq(seq)) return invalid('code_update.payload.seq is not a non-negative integer');
    return valid({ type: 'code_update', sessionId: m.sessionId, textareaId, code, seq });
  },
  code_ack(m) {
    if (!isNonEmptyString(m.sessionId)) return invalid('code_ack.sessionId is missing');
    if (!isObject(m.payload) || !isSeq(m.payload.seq)) return invalid('code_ack.payload.seq is not a non-negative integer');
    if (m.payload.textareaId !== undefined && typeof m.payload.textareaId !== 'string') return invalid('code_ack.payload.textareaId is not a string');
    return valid({ type: 'code_ack', sessionId: m.sessionId, textareaId: m.payload.textareaId, seq: m.payload.seq });
  },
  code_overtaken(m) {
    const checked = validators.code_update(m);
    if (!checked.ok) return invalid(checked.reason.replace('code_update', 'code_overtaken'));
    if (checked.message.seq === undefined) return invalid('code_overtaken.payload.seq is missing');
    return valid({ ...checked.message, type: 'code_overtaken' });
  },
  code_merged(m) {
    const checked = validators.code_update(m);
    if (!checked.ok) return invalid(checked.reason.replace('code_update', 'code_merged'));
    if (checked.message.seq === undefined) return invalid('code_merged.payload.seq is missing');
    return valid({ ...checked.message, type: 'code_merged' });
  },
  session_closed(m) {
    if (!isNonEmptyString(m.sessionId)) return invalid('session_closed.sessionId is missing');
    const payload = m.payload === undefined ? {} : m.payload;
    if (!isObject(payload)) return invalid('session_closed.payload is not an object');
    if (payload.textareaId !== undefined && typeof payload.textareaId !== 'string') return invalid('session_closed.payload.textareaId is not a string');
    if (payload.reason !== undefined && typeof payload.reason !== 'string') return invalid('session_closed.payload.reason is not a string');
    return valid({ type: 'session_closed', sessionId: m.sessionId, textareaId: payload.textareaId, reason: payload.reason ?? 'closed' });
  },
  error(m) {
    if (!isObject(m.payload) || !isNonEmptyString(m.payload.code)) return invalid('error.payload.code is missing');
    if (m.payload.message !== undefined && typeof m.payload.message !== 'string') return invalid('error.payload.message is not a string');
    if (m.sessionId !== undefined && typeof m.sessionId !== 'string') return invalid('error.sessionId is not a string');
    return valid({ type: 'error', code: m.payload.code, message: m.payload.message ?? m.payload.code, sessionId: m.sessionId });
  },
  pong() {
    return valid({ type: 'pong' });
  },
};

/**
 * Parses and validates one incoming message.
 * @param {unknown} data a JSON text frame, or an already-decoded object (non-JSON transports)
 * @returns {{ ok: true, message: object } | { ok: false, reason: string }}
 */
export function parseServerMessage(data) {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return invalid('not JSON');
    }
  }
  if (!isObject(value)) return invalid('not a JSON object');
  if (typeof value.type !== 'string') return invalid('type is missing');
  const validate = Object.hasOwn(validators, value.type) ? validators[value.type] : undefined;
  if (validate === undefined) return invalid(`unknown type ${JSON.stringify(value.type.slice(0, 40))}`);
  return validate(value);
}

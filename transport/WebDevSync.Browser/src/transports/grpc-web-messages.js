/**
 * The JSON protocol messages (the objects the client builds and validates) and
 * their protobuf twins of proto/webdevsync/v1/webdevsync.proto, one to one:
 * JSON "type" is the oneof case, payload fields are the message's fields in
 * camelCase, int64 seq is a number on the JSON side. Pure functions, no I/O.
 *
 * Proto3 cannot tell an empty string from an absent one, so on the way back an
 * empty optional string is left out, as the relay's JSON codec does.
 */

import { create } from '@bufbuild/protobuf';
import { ClientMessageSchema, ErrorCode, Role } from '../../gen/webdevsync/v1/webdevsync_pb.js';

const CLIENT_BODIES = {
  browser_connect: (payload) => ({
    case: 'browserConnect',
    value: {
      sessions: (payload?.sessions ?? []).map((s) => ({ sessionId: s.sessionId, seq: toInt64(s.seq) })),
      acceptsCodeMerged: payload?.acceptsCodeMerged === true,
      acceptsEdits: payload?.acceptsEdits === true,
    },
  }),
  desktop_connect: (payload) => ({
    case: 'desktopConnect',
    value: {
      sessions: (payload?.sessions ?? []).map((s) => ({
        sessionId: s.sessionId, textareaId: s.textareaId ?? '', fileType: s.fileType ?? '', browserConnectionId: s.browserConnectionId ?? '',
      })),
    },
  }),
  edit_request: (payload, m) => ({
    case: 'editRequest',
    value: {
      sessionId: m.sessionId ?? '', textareaId: payload?.textareaId ?? '', code: payload?.code ?? '', fileType: payload?.fileType ?? '',
      url: payload?.url ?? '', title: payload?.title ?? '',
      ...(payload?.selection ? { selection: { start: payload.selection.start, end: payload.selection.end } } : {}),
    },
  }),
  code_update: (payload, m) => ({
    case: 'codeUpdate',
    value: {
      sessionId: m.sessionId ?? '', textareaId: payload?.textareaId ?? '', code: payload?.code ?? '',
      ...(payload?.baseSeq !== undefined ? { baseSeq: toInt64(payload.baseSeq) } : {}),
      // README "Edits": a set length says the edits form (code is then empty).
      ...(Array.isArray(payload?.edits)
        ? { edits: payload.edits.map(([start, end, text]) => ({ start, end, text })), length: payload.length, hash: payload.hash >>> 0 }
        : {}),
    },
  }),
  code_refresh: (_payload, m) => ({ case: 'codeRefresh', value: { sessionId: m.sessionId ?? '' } }),
  session_closed: (payload, m) => ({
    case: 'sessionClosed',
    value: { sessionId: m.sessionId ?? '', reason: payload?.reason ?? '' },
  }),
  ping: () => ({ case: 'ping', value: {} }),
  browser_leaving: () => ({ case: 'browserLeaving', value: {} }),
};

/** The client message types this mapping knows (every one of the protocol). */
export const CLIENT_TYPES = Object.freeze(Object.keys(CLIENT_BODIES));

/**
 * A client JSON message as a webdevsync.v1.ClientMessage.
 * @param {{ type: string, connectionId?: string, userId?: string, sessionId?: string, payload?: object }} message
 */
export function toProtoClientMessage(message) {
  const body = Object.hasOwn(CLIENT_BODIES, message.type) ? CLIENT_BODIES[message.type] : undefined;
  if (body === undefined) throw new TypeError(`no protobuf form for message type ${JSON.stringify(message.type)}`);
  return create(ClientMessageSchema, {
    connectionId: message.connectionId ?? '',
    userId: message.userId ?? '',
    body: body(message.payload, message),
  });
}

/** Leaves out proto3's "unset" empty strings. */
function optional(target, key, value) {
  if (value !== '' && value !== undefined) target[key] = value;
  return target;
}

const toInt64 = (n) => BigInt(n ?? 0);
// Sequence numbers stay far below 2^53; Number() keeps them exact.
const fromInt64 = (n) => Number(n);

const ROLE_NAMES = { [Role.BROWSER]: 'browser', [Role.DESKTOP]: 'desktop' };

const SERVER_BODIES = {
  connectionAck: (v) => ({
    type: 'connection_ack',
    ...optional({}, 'connectionId', v.connectionId),
    status: v.status || 'connected',
    payload: {
      ...optional({ ...(ROLE_NAMES[v.role] ? { role: ROLE_NAMES[v.role] } : {}) }, 'userId', v.userId),
      ...(v.acceptsEdits ? { acceptsEdits: true } : {}),
    },
  }),
  desktopStatus: (v) => ({ type: 'desktop_status', payload: { connected: v.connected } }),
  editRequest: (v) => ({
    type: 'edit_request',
    sessionId: v.sessionId,
    payload: optional({ textareaId: v.textareaId, code: v.code, fileType: v.fileType || 'txt' }, 'browserConnectionId', v.browserConnectionId),
  }),
  codeUpdate: (v) => ({
    type: 'code_update',
    sessionId: v.sessionId,
    // The relay sends edits (with length set) only to a client whose connect set accepts_edits; their base is the seq before.
    payload: v.length !== undefined
      ? { textareaId: v.textareaId, edits: v.edits.map((e) => [e.start, e.end, e.text]), length: v.length, hash: v.hash, baseSeq: fromInt64(v.baseSeq ?? 0n), seq: fromInt64(v.seq) }
      : { textareaId: v.textareaId, code: v.code, seq: fromInt64(v.seq) },
  }),
  codeAck: (v) => ({ type: 'code_ack', sessionId: v.sessionId, payload: { textareaId: v.textareaId, seq: fromInt64(v.seq) } }),
  codeOvertaken: (v) => ({ type: 'code_overtaken', sessionId: v.sessionId, payload: { textareaId: v.textareaId, code: v.code, seq: fromInt64(v.seq) } }),
  codeMerged: (v) => ({ type: 'code_merged', sessionId: v.sessionId, payload: { textareaId: v.textareaId, code: v.code, seq: fromInt64(v.seq) } }),
  sessionClosed: (v) => ({
    type: 'session_closed',
    sessionId: v.sessionId,
    payload: optional(optional({}, 'textareaId', v.textareaId), 'reason', v.reason),
  }),
  error: (v) => optional(optional({
    type: 'error',
    payload: { code: ErrorCode[v.code] !== undefined && v.code !== ErrorCode.ERROR_CODE_UNSPECIFIED ? ErrorCode[v.code] : 'INTERNAL', message: v.message },
  }, 'connectionId', v.connectionId), 'sessionId', v.sessionId),
  pong: () => ({ type: 'pong' }),
};

/**
 * A webdevsync.v1.ServerMessage as the JSON object the WebSocket endpoint would
 * have sent; undefined for an empty (or newer, unknown) oneof, which the caller ignores.
 * @param {{ body: { case: string | undefined, value?: any } }} message
 */
export function fromProtoServerMessage(message) {
  const { case: kind, value } = message.body;
  if (kind === undefined || !Object.hasOwn(SERVER_BODIES, kind)) return undefined;
  const json = SERVER_BODIES[kind](value);
  if (kind === 'editRequest') json.payload.seq = fromInt64(value.seq);
  return json;
}

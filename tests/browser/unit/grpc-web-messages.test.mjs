// The gRPC-Web transport's JSON <-> protobuf mapping: every client message type
// becomes its ClientMessage oneof case (and survives the binary encoding), and
// every ServerMessage comes back in the exact shape the WebSocket endpoint sends,
// which the library's validator accepts.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { generate, GENERATED_MODULE } from '../../../transport/WebDevSync.Browser/codegen.mjs';
import { parseServerMessage } from '../../../transport/WebDevSync.Browser/src/messages.js';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';

let pb;
let mapping;

before(async () => {
  if (!existsSync(GENERATED_MODULE)) generate(); // normally build.mjs has generated it
  pb = await import(GENERATED_MODULE);
  mapping = await import('../../../transport/WebDevSync.Browser/src/transports/grpc-web-messages.js');
});

const server = (body) => create(pb.ServerMessageSchema, { body });

describe('client messages to protobuf', () => {
  const cases = [
    [{ type: 'browser_connect', connectionId: 'b-1', userId: 'alice' },
      { connectionId: 'b-1', userId: 'alice', case: 'browserConnect', value: { sessions: [] } }],
    [{ type: 'browser_connect', connectionId: 'b-1', userId: 'alice', payload: { sessions: [{ sessionId: 's1', seq: 3 }, { sessionId: 's2', seq: 0 }] } },
      { connectionId: 'b-1', userId: 'alice', case: 'browserConnect', value: { sessions: [{ sessionId: 's1', seq: 3n }, { sessionId: 's2', seq: 0n }] } }],
    [{ type: 'browser_connect', connectionId: 'b-1', userId: 'alice', payload: { sessions: [], acceptsEdits: true } },
      { connectionId: 'b-1', userId: 'alice', case: 'browserConnect', value: { sessions: [], acceptsEdits: true } }],
    [{ type: 'code_update', sessionId: 's1', payload: { textareaId: 'code-1', edits: [[0, 1, 'ü'], [4, 4, '✓']], length: 6, hash: 3798447941, baseSeq: 7 } },
      { connectionId: '', userId: '', case: 'codeUpdate', value: { sessionId: 's1', code: '', baseSeq: 7n, edits: [{ start: 0, end: 1, text: 'ü' }, { start: 4, end: 4, text: '✓' }], length: 6, hash: 3798447941 } }],
    [{ type: 'code_refresh', sessionId: 's1' }, { connectionId: '', userId: '', case: 'codeRefresh', value: { sessionId: 's1' } }],
    [{ type: 'desktop_connect', connectionId: 'd-1', userId: 'alice', payload: { sessions: [{ sessionId: 's1', textareaId: 't', fileType: 'js', browserConnectionId: 'b-1' }] } },
      { connectionId: 'd-1', userId: 'alice', case: 'desktopConnect', value: { sessions: [{ sessionId: 's1', textareaId: 't', fileType: 'js', browserConnectionId: 'b-1' }] } }],
    [{ type: 'edit_request', connectionId: 'b-1', userId: 'alice', sessionId: 's1', payload: { textareaId: 'code-1', code: 'console.log("ü ✓")', fileType: 'js' } },
      { connectionId: 'b-1', userId: 'alice', case: 'editRequest', value: { sessionId: 's1', textareaId: 'code-1', code: 'console.log("ü ✓")', fileType: 'js' } }],
    [{ type: 'edit_request', connectionId: 'b-1', userId: 'alice', sessionId: 's1', payload: { textareaId: 'code-1', code: 'abc', fileType: 'js', url: 'http://h/p?q=1', title: 'T ✓', selection: { start: 1, end: 2 } } },
      { connectionId: 'b-1', userId: 'alice', case: 'editRequest', value: { sessionId: 's1', url: 'http://h/p?q=1', title: 'T ✓', selection: { start: 1, end: 2 } } }],
    [{ type: 'code_update', connectionId: 'd-1', sessionId: 's1', payload: { textareaId: 'code-1', code: 'x' } },
      { connectionId: 'd-1', userId: '', case: 'codeUpdate', value: { sessionId: 's1', textareaId: 'code-1', code: 'x', baseSeq: undefined } }],
    [{ type: 'code_update', connectionId: 'b-1', userId: 'alice', sessionId: 's1', payload: { textareaId: 'code-1', code: 'x', baseSeq: 0 } },
      { connectionId: 'b-1', userId: 'alice', case: 'codeUpdate', value: { sessionId: 's1', code: 'x', baseSeq: 0n } }],
    [{ type: 'session_closed', sessionId: 's1', payload: { reason: 'editor_exited' } },
      { connectionId: '', userId: '', case: 'sessionClosed', value: { sessionId: 's1', reason: 'editor_exited' } }],
    [{ type: 'ping', connectionId: 'b-1' }, { connectionId: 'b-1', userId: '', case: 'ping', value: {} }],
    [{ type: 'browser_leaving', connectionId: 'b-1', userId: 'alice' }, { connectionId: 'b-1', userId: 'alice', case: 'browserLeaving', value: {} }],
  ];

  for (const [json, expected] of cases) {
    it(`maps ${json.type}${json.payload?.sessions ? ' with sessions' : ''} to its oneof case and fields, surviving the binary encoding`, () => {
      const message = mapping.toProtoClientMessage(json);
      const decoded = fromBinary(pb.ClientMessageSchema, toBinary(pb.ClientMessageSchema, message));
      for (const m of [message, decoded]) {
        assert.equal(m.connectionId, expected.connectionId);
        assert.equal(m.userId, expected.userId);
        assert.equal(m.body.case, expected.case);
        for (const [key, value] of Object.entries(expected.value)) {
          const actual = m.body.value[key];
          const plain = Array.isArray(actual) ? actual.map((s) => ({ ...stripType(s) })) : actual?.$typeName ? stripType(actual) : actual;
          assert.deepEqual(plain, value, key);
        }
      }
    });
  }

  it('covers every client message type of the protocol', () => {
    assert.deepEqual([...mapping.CLIENT_TYPES].sort(), cases.map(([json]) => json.type).filter((t, i, all) => all.indexOf(t) === i).sort());
  });

  it('refuses a type the protocol does not have', () => {
    assert.throws(() => mapping.toProtoClientMessage({ type: 'nonsense' }), TypeError);
  });
});

/** Generated messages carry $typeName; compare fields only. */
function stripType(message) {
  const { $typeName, ...fields } = message;
  return fields;
}

describe('server messages from protobuf', () => {
  const cases = () => [
    [server({ case: 'connectionAck', value: { connectionId: 'b-1', status: 'connected', role: pb.Role.BROWSER, userId: 'alice' } }),
      { type: 'connection_ack', connectionId: 'b-1', status: 'connected', payload: { role: 'browser', userId: 'alice' } }],
    [server({ case: 'connectionAck', value: { connectionId: 'b-1', status: 'connected', role: pb.Role.BROWSER, userId: 'alice', acceptsEdits: true } }),
      { type: 'connection_ack', connectionId: 'b-1', status: 'connected', payload: { role: 'browser', userId: 'alice', acceptsEdits: true } }],
    [server({ case: 'desktopStatus', value: { connected: true } }), { type: 'desktop_status', payload: { connected: true } }],
    [server({ case: 'desktopStatus', value: { connected: false } }), { type: 'desktop_status', payload: { connected: false } }],
    [server({ case: 'editRequest', value: { sessionId: 's1', textareaId: 'code-1', code: 'c', fileType: 'js', browserConnectionId: 'b-1', seq: 0n } }),
      { type: 'edit_request', sessionId: 's1', payload: { textareaId: 'code-1', code: 'c', fileType: 'js', browserConnectionId: 'b-1', seq: 0 } }],
    [server({ case: 'codeUpdate', value: { sessionId: 's1', textareaId: 'code-1', code: 'v2 ✓', seq: 4n } }),
      { type: 'code_update', sessionId: 's1', payload: { textareaId: 'code-1', code: 'v2 ✓', seq: 4 } }],
    [server({ case: 'codeUpdate', value: { sessionId: 's1', textareaId: 'code-1', edits: [{ start: 15, end: 15, text: '!' }], length: 19, hash: 3798447941, baseSeq: 7n, seq: 8n } }),
      { type: 'code_update', sessionId: 's1', payload: { textareaId: 'code-1', edits: [[15, 15, '!']], length: 19, hash: 3798447941, baseSeq: 7, seq: 8 } }],
    [server({ case: 'codeAck', value: { sessionId: 's1', textareaId: 'code-1', seq: 8n } }),
      { type: 'code_ack', sessionId: 's1', payload: { textareaId: 'code-1', seq: 8 } }],
    [server({ case: 'codeOvertaken', value: { sessionId: 's1', textareaId: 'code-1', code: 'relay text', seq: 9n } }),
      { type: 'code_overtaken', sessionId: 's1', payload: { textareaId: 'code-1', code: 'relay text', seq: 9 } }],
    [server({ case: 'sessionClosed', value: { sessionId: 's1', textareaId: 'code-1', reason: 'editor_exited' } }),
      { type: 'session_closed', sessionId: 's1', payload: { textareaId: 'code-1', reason: 'editor_exited' } }],
    [server({ case: 'error', value: { code: pb.ErrorCode.SESSION_NOT_FOUND, message: 'Session not found', connectionId: 'b-1', sessionId: 's1' } }),
      { type: 'error', connectionId: 'b-1', sessionId: 's1', payload: { code: 'SESSION_NOT_FOUND', message: 'Session not found' } }],
    [server({ case: 'error', value: { code: pb.ErrorCode.NO_DESKTOP, message: 'No desktop connection found' } }),
      { type: 'error', payload: { code: 'NO_DESKTOP', message: 'No desktop connection found' } }],
    [server({ case: 'pong', value: {} }), { type: 'pong' }],
  ];

  it('maps each oneof case to the JSON the WebSocket endpoint sends, also after the binary encoding', () => {
    for (const [message, expected] of cases()) {
      const decoded = fromBinary(pb.ServerMessageSchema, toBinary(pb.ServerMessageSchema, message));
      assert.deepEqual(mapping.fromProtoServerMessage(message), expected, expected.type);
      assert.deepEqual(mapping.fromProtoServerMessage(decoded), expected, `${expected.type} (decoded)`);
    }
  });

  it('every message a tab receives passes the library validator', () => {
    for (const [message] of cases().filter(([m]) => m.body.case !== 'editRequest')) { // edit_request goes to agents only
      const parsed = parseServerMessage(mapping.fromProtoServerMessage(message));
      assert.equal(parsed.ok, true, parsed.reason);
    }
  });

  it('gives every error code its stable name', () => {
    const names = ['INVALID_MESSAGE', 'UNKNOWN_TYPE', 'NOT_CONNECTED', 'NO_DESKTOP', 'SESSION_NOT_FOUND', 'FORBIDDEN',
      'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'UNAUTHENTICATED', 'INTERNAL'];
    for (const name of names) {
      const json = mapping.fromProtoServerMessage(server({ case: 'error', value: { code: pb.ErrorCode[name], message: 'm' } }));
      assert.equal(json.payload.code, name);
    }
  });

  it('ignores an empty oneof (a newer relay’s message this library does not know)', () => {
    assert.equal(mapping.fromProtoServerMessage(create(pb.ServerMessageSchema)), undefined);
  });
});

// Every incoming message is validated; a malformed one is logged (debug only)
// and ignored, and the connection carries on.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseServerMessage } from '../../../transport/WebDevSync.Browser/src/messages.js';
import { harness } from './support/fakes.mjs';

const malformed = [
  ['not JSON', '{"type":'],
  ['a JSON array', '[1,2]'],
  ['a JSON string', '"pong"'],
  ['null', 'null'],
  ['no type', { payload: {} }],
  ['a numeric type', { type: 7 }],
  ['an unknown type', { type: 'launch_missiles' }],
  ['a type from Object.prototype', { type: 'toString' }],
  ['desktop_status without payload', { type: 'desktop_status' }],
  ['desktop_status with a string flag', { type: 'desktop_status', payload: { connected: 'yes' } }],
  ['code_update without sessionId', { type: 'code_update', payload: { textareaId: 't', code: 'x' } }],
  ['code_update without payload', { type: 'code_update', sessionId: 's' }],
  ['code_update without textareaId', { type: 'code_update', sessionId: 's', payload: { code: 'x' } }],
  ['code_update with numeric code', { type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 1 } }],
  ['code_update with a negative seq', { type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'x', seq: -1 } }],
  ['code_update with a fractional seq', { type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'x', seq: 1.5 } }],
  ['session_closed without sessionId', { type: 'session_closed', payload: {} }],
  ['session_closed with a numeric reason', { type: 'session_closed', sessionId: 's', payload: { reason: 3 } }],
  ['error without payload', { type: 'error' }],
  ['error without code', { type: 'error', payload: { message: 'm' } }],
  ['error with a numeric sessionId', { type: 'error', sessionId: 1, payload: { code: 'X' } }],
  ['connection_ack with a numeric connectionId', { type: 'connection_ack', connectionId: 5 }],
];

describe('parseServerMessage', () => {
  for (const [name, input] of malformed) {
    it(`refuses ${name}`, () => {
      const result = parseServerMessage(typeof input === 'string' ? input : JSON.stringify(input));
      assert.equal(result.ok, false);
      assert.equal(typeof result.reason, 'string');
    });
  }

  it('accepts the seed\'s code_update and normalises it', () => {
    const result = parseServerMessage(JSON.stringify({
      type: 'code_update', connectionId: 'd', userId: 'u', sessionId: 's1',
      payload: { textareaId: 'code-editor-1', code: "console.log('hello world!');", seq: 4 }, extra: true,
    }));
    assert.deepEqual(result, { ok: true, message: { type: 'code_update', sessionId: 's1', textareaId: 'code-editor-1', code: "console.log('hello world!');", seq: 4 } });
  });

  it('accepts an error and defaults its message to its code', () => {
    assert.deepEqual(parseServerMessage('{"type":"error","payload":{"code":"RATE_LIMITED"}}').message,
      { type: 'error', code: 'RATE_LIMITED', message: 'RATE_LIMITED', sessionId: undefined });
  });

  it('accepts already-decoded objects (non-JSON transports)', () => {
    assert.equal(parseServerMessage({ type: 'pong' }).ok, true);
  });

  it('accepts session_closed without payload', () => {
    assert.deepEqual(parseServerMessage('{"type":"session_closed","sessionId":"s"}').message,
      { type: 'session_closed', sessionId: 's', textareaId: undefined, reason: 'closed' });
  });
});

describe('malformed messages on a live connection', () => {
  it('are ignored, logged only in debug mode, and do not disturb what follows', async (t) => {
    const debugLog = t.mock.method(console, 'debug', () => {});
    const { sync, connected } = harness({ debug: true });
    const updates = [];
    sync.onCodeUpdate((id, code) => updates.push([id, code]));
    const socket = await connected();
    for (const [, input] of malformed) socket.serverSend(typeof input === 'string' ? input : JSON.stringify(input));
    socket.serverSend({ type: 'code_update', sessionId: 's1', payload: { textareaId: 'code-1', code: 'ok' } });
    assert.deepEqual(updates, [['code-1', 'ok']]);
    assert.equal(sync.state, 'connected');
    const ignored = debugLog.mock.calls.filter((c) => c.arguments[1] === 'ignoring malformed message:');
    assert.equal(ignored.length, malformed.length);
  });

  it('logs nothing at all when debug is off', async (t) => {
    const logs = ['debug', 'log', 'info', 'warn', 'error'].map((level) => t.mock.method(console, level, () => {}));
    const { sync, connected, clock } = harness({ debug: false });
    const socket = await connected();
    socket.serverSend('garbage');
    sync.editCodeSnippet('a', 'secret code').catch(() => {});
    clock.advance(60000);
    sync.disconnect();
    for (const log of logs) assert.equal(log.mock.callCount(), 0);
  });

  it('never puts code into debug logs', async (t) => {
    const debugLog = t.mock.method(console, 'debug', () => {});
    const { sync, connected } = harness({ debug: true });
    const socket = await connected();
    sync.editCodeSnippet('a', 'TOP-SECRET-CODE').catch(() => {});
    socket.serverSend({ type: 'code_update', sessionId: 's1', payload: { textareaId: 'a', code: 'TOP-SECRET-UPDATE' } });
    const text = JSON.stringify(debugLog.mock.calls.map((c) => c.arguments));
    assert.equal(text.includes('TOP-SECRET'), false);
  });
});



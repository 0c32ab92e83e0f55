// Callbacks: each registration returns its own unsubscribe function, and one
// throwing callback never stops the others (nor the library).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { harness } from './support/fakes.mjs';

describe('callbacks', () => {
  it('keep running after one of them throws, and the error is reported', async (t) => {
    const reported = t.mock.method(console, 'error', () => {});
    const { sync, connected } = harness();
    const seen = [];
    sync.onCodeUpdate(() => { throw new Error('page bug'); });
    sync.onCodeUpdate((id, code) => seen.push(code));
    sync.statusChange(() => { throw new Error('status bug'); });
    const socket = await connected();
    socket.serverSend({ type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'one' } });
    socket.serverSend({ type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'two' } });
    assert.deepEqual(seen, ['one', 'two']);
    assert.equal(sync.state, 'connected');
    assert.ok(reported.mock.calls.some((c) => c.arguments.some((a) => a instanceof Error && a.message === 'page bug')));
  });

  it('report status changes as (connected, state)', async () => {
    const { sync, connected } = harness();
    const seen = [];
    sync.statusChange((isConnected, state) => seen.push([isConnected, state]));
    await connected();
    sync.disconnect();
    assert.deepEqual(seen, [[false, 'connecting'], [true, 'connected'], [false, 'disconnected']]);
  });

  it('stop when unsubscribed, each registration independently', async () => {
    const { sync, connected } = harness();
    const seen = [];
    const record = (id, code) => seen.push(code);
    const offFirst = sync.onCodeUpdate(record);
    sync.onCodeUpdate(record); // the same function twice = two registrations
    const socket = await connected();
    socket.serverSend({ type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'a' } });
    offFirst();
    offFirst(); // harmless
    socket.serverSend({ type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'b' } });
    assert.deepEqual(seen, ['a', 'a', 'b']);
  });

  it('expose agent presence through onDesktopStatus and the desktopConnected getter', async () => {
    const { sync, connected } = harness({ desktop: false });
    const seen = [];
    const off = sync.onDesktopStatus((c) => seen.push(c));
    const socket = await connected();
    assert.equal(sync.desktopConnected, false);
    socket.serverSend({ type: 'desktop_status', payload: { connected: true } });
    assert.equal(sync.desktopConnected, true);
    socket.serverSend({ type: 'desktop_status', payload: { connected: true } }); // no change, no call
    off();
    socket.serverSend({ type: 'desktop_status', payload: { connected: false } });
    assert.deepEqual(seen, [true]);
  });

  it('deliver server errors that belong to no pending edit to onError', async () => {
    const { sync, connected } = harness();
    const errors = [];
    sync.onError((e) => errors.push([e.code, e.message]));
    const socket = await connected();
    socket.serverSend({ type: 'error', payload: { code: 'RATE_LIMITED', message: 'slow down' } });
    assert.deepEqual(errors, [['RATE_LIMITED', 'slow down']]);
  });

  it('refuse a non-function', () => {
    const { sync } = harness();
    assert.throws(() => sync.statusChange('nope'), TypeError);
  });
});

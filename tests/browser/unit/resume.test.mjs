// Resume: the connectionId stays for the instance's life, and a reconnect's
// browser_connect carries the newest seq seen per session so the server sends
// only what the tab missed.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { harness, openSession } from './support/fakes.mjs';

const update = (sessionId, textareaId, code, seq) => ({ type: 'code_update', sessionId, payload: { textareaId, code, seq } });


describe('resume after a reconnect', () => {
  it('sends no resume cursor on a first connect, only that it accepts code_merged and edits', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    assert.deepEqual(socket.sent[0], { type: 'browser_connect', connectionId: sync.connectionId, userId: 'alice', payload: { acceptsCodeMerged: true, acceptsEdits: true } });
  });

  it('reconnects with the same connectionId and the newest seq of each session', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const first = await connected();
    const js = await openSession(sync, first, 'code-js');
    const css = await openSession(sync, first, 'code-css');
    first.serverSend(update(js, 'code-js', 'v1', 1));
    first.serverSend(update(js, 'code-js', 'v3', 3));
    first.serverClose(1006);
    clock.advance(1000);
    open();
    const hello = sockets.at(-1).sent[0];
    assert.equal(hello.type, 'browser_connect');
    assert.equal(hello.connectionId, sync.connectionId);
    assert.deepEqual(hello.payload.sessions, [{ sessionId: js, seq: 3 }, { sessionId: css, seq: 0 }]);
  });

  it('tracks the newest seq seen, even when a restarted server counts from the start again', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const first = await connected();
    const s = await openSession(sync, first, 'code-1');
    first.serverSend(update(s, 'code-1', 'a', 9));
    first.serverSend(update(s, 'code-1', 'b', 1)); // e.g. the server restarted without its state
    first.serverClose(1006);
    clock.advance(1000);
    open();
    assert.deepEqual(sockets.at(-1).sent[0].payload.sessions, [{ sessionId: s, seq: 1 }]);
  });

  it('delivers missed updates sent right after the new acknowledgement', async () => {
    const { clock, sync, connected, open } = harness();
    const updates = [];
    sync.onCodeUpdate((id, code, info) => updates.push([id, code, info.seq]));
    const first = await connected();
    const s = await openSession(sync, first, 'code-1');
    first.serverClose(1006);
    clock.advance(1000);
    const second = open();
    second.serverSend(update(s, 'code-1', 'saved while away', 2));
    assert.deepEqual(updates, [['code-1', 'saved while away', 2]]);
  });

  it('forgets closed sessions, so they are not resumed', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const closed = [];
    sync.onSessionClosed((textareaId, reason, info) => closed.push([textareaId, reason, info.sessionId]));
    const first = await connected();
    const s = await openSession(sync, first, 'code-1');
    first.serverSend({ type: 'session_closed', sessionId: s, payload: { textareaId: 'code-1', reason: 'editor_exited' } });
    assert.deepEqual(closed, [['code-1', 'editor_exited', s]]);
    first.serverClose(1006);
    clock.advance(1000);
    open();
    assert.equal(sockets.at(-1).sent[0].payload.sessions, undefined);
  });

  it('keeps connectionId across disconnect() and connect()', async () => {
    const { sync, connected } = harness();
    const id = sync.connectionId;
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await connected();
    sync.disconnect();
    const again = await connected();
    assert.equal(again.sent[0].connectionId, id);
  });
});

describe('one session per textarea', () => {
  it('reuses the open session when the same textarea is edited again', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const first = await openSession(sync, socket, 'code-1');
    const second = await openSession(sync, socket, 'code-1');
    const other = await openSession(sync, socket, 'code-2');
    assert.equal(second, first);
    assert.notEqual(other, first);
  });

  it('starts a new session after the old one closed', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const first = await openSession(sync, socket, 'code-1');
    socket.serverSend({ type: 'session_closed', sessionId: first, payload: { reason: 'editor_exited' } });
    assert.notEqual(await openSession(sync, socket, 'code-1'), first);
  });

  it('starts a new session after the server refused the first request', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const refused = sync.editCodeSnippet('code-1', 'x');
    const { sessionId } = socket.sentOfType('edit_request')[0];
    socket.serverSend({ type: 'error', sessionId, payload: { code: 'NO_DESKTOP', message: 'No desktop connection found' } });
    socket.serverSend({ type: 'pong' }); // answers the ping sent after the refused request
    await assert.rejects(refused);
    assert.notEqual(await openSession(sync, socket, 'code-1'), sessionId);
  });

  it('adopts sessions it hears about first through an update', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    socket.serverSend(update('s-from-server', 'code-9', 'x', 5));
    sync.editCodeSnippet('code-9', 'y').catch(() => {});
    assert.equal(socket.sentOfType('edit_request')[0].sessionId, 's-from-server');
  });
});

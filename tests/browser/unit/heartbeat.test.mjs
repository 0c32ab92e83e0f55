// Heartbeat: a ping every 30 s while connected; no pong within 5 s means the
// connection is dead and the reconnect cycle starts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { harness } from './support/fakes.mjs';

describe('heartbeat', () => {
  it('sends {"type":"ping"} every 30 s while the pongs come back', async () => {
    const { clock, sync, connected } = harness();
    const socket = await connected();
    const start = clock.now;
    const advanceTo = (t) => clock.advance(start + t - clock.now);
    for (let beat = 1; beat <= 3; beat++) {
      advanceTo(beat * 30000 - 1);
      assert.equal(socket.sentOfType('ping').length, beat - 1);
      advanceTo(beat * 30000);
      assert.equal(socket.sentOfType('ping').length, beat);
      assert.deepEqual(socket.sent.at(-1), { type: 'ping' });
      advanceTo(beat * 30000 + 4999); // the pong arrives just in time
      socket.serverSend({ type: 'pong' });
    }
    assert.equal(sync.state, 'connected');
  });

  it('closes the socket and reconnects when no pong arrives within 5 s', async () => {
    const { clock, sync, sockets, states, connected } = harness();
    const socket = await connected();
    clock.advance(30000);
    clock.advance(4999);
    assert.equal(sync.state, 'connected');
    clock.advance(1);
    assert.equal(sync.state, 'reconnecting');
    assert.equal(socket.closedWith.code, 4000);
    assert.equal(socket.listenerCount, 0, 'the dead socket is fully detached');
    clock.advance(1000);
    assert.equal(sockets.length, 2, 'first reconnect attempt after 1 s');
    assert.deepEqual(states, ['connecting', 'connected', 'reconnecting']);
  });

  it('ignores late events from the socket it gave up on', async () => {
    const { clock, sync, connected } = harness();
    const socket = await connected();
    clock.advance(35000); // heartbeat missed
    socket.serverSend({ type: 'code_update', sessionId: 's1', payload: { textareaId: 't', code: 'late' } });
    socket.serverClose(1006);
    assert.equal(sync.state, 'reconnecting');
  });

  it('does not ping before the connection is acknowledged', () => {
    const { clock, sync, sockets } = harness();
    sync.connect().catch(() => {});
    sockets[0].serverOpen();
    clock.advance(9000);
    assert.equal(sockets[0].sentOfType('ping').length, 0);
  });

  it('marks the agent as absent when the connection drops', async () => {
    const { clock, sync, connected } = harness();
    const seen = [];
    sync.onDesktopStatus((c) => seen.push(c));
    await connected();
    assert.equal(sync.desktopConnected, true);
    clock.advance(35000);
    assert.equal(sync.desktopConnected, false);
    assert.deepEqual(seen, [true, false]);
  });
});

describe('edit requests and their acknowledgement', () => {
  it('sends edit_request followed by a ping and resolves on the pong', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const editing = sync.editCodeSnippet('code-1', 'console.log(1)', 'js');
    const [edit, ping] = socket.sent.slice(-2);
    assert.deepEqual(edit, {
      type: 'edit_request', connectionId: sync.connectionId, userId: 'alice', sessionId: edit.sessionId,
      payload: { textareaId: 'code-1', code: 'console.log(1)', fileType: 'js' },
    });
    assert.deepEqual(ping, { type: 'ping' });
    socket.serverSend({ type: 'pong' });
    assert.deepEqual(await editing, { sessionId: edit.sessionId, textareaId: 'code-1' });
  });

  it("defaults the file type to 'txt'", async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    sync.editCodeSnippet('notes', 'hello').catch(() => {});
    assert.equal(socket.sentOfType('edit_request')[0].payload.fileType, 'txt');
  });

  it('rejects with the server error that names the session', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const editing = sync.editCodeSnippet('code-1', 'x', 'js');
    const { sessionId } = socket.sentOfType('edit_request')[0];
    socket.serverSend({ type: 'error', sessionId, payload: { code: 'NO_DESKTOP', message: 'No desktop connection found' } });
    await assert.rejects(editing, { name: 'WebDevSyncError', code: 'NO_DESKTOP', message: 'No desktop connection found', sessionId });
  });

  it('attributes an error without a session id to the oldest waiting edit', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const first = sync.editCodeSnippet('a', 'x');
    const second = sync.editCodeSnippet('b', 'y');
    socket.serverSend({ type: 'error', payload: { code: 'NO_DESKTOP', message: 'No desktop connection found' } });
    socket.serverSend({ type: 'pong' });
    socket.serverSend({ type: 'pong' });
    await assert.rejects(first, { code: 'NO_DESKTOP' });
    await second;
  });

  it('rejects NOT_CONNECTED without sending when not connected', async () => {
    const { sync, sockets } = harness();
    await assert.rejects(sync.editCodeSnippet('a', 'x'), { code: 'NOT_CONNECTED', message: /not connected/ });
    assert.equal(sockets.length, 0);
  });

  it('rejects bad arguments with a TypeError', async () => {
    const { sync, connected } = harness();
    await connected();
    await assert.rejects(sync.editCodeSnippet('', 'x'), TypeError);
    await assert.rejects(sync.editCodeSnippet('a', 42), TypeError);
  });

  it('rejects waiting edits with CONNECTION_LOST when the pong never comes', async () => {
    const { clock, sync, connected } = harness();
    await connected();
    const editing = sync.editCodeSnippet('a', 'x');
    clock.advance(5000);
    await assert.rejects(editing, { code: 'CONNECTION_LOST' });
    assert.equal(sync.state, 'reconnecting');
  });
});

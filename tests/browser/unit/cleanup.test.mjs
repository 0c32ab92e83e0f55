// disconnect() leaves nothing behind: no timer, no socket listener, no pending
// promise, no reconnect.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { harness } from './support/fakes.mjs';

describe('disconnect()', () => {
  it('clears every timer and socket listener of a live connection', async () => {
    const { clock, sync, connected } = harness();
    const socket = await connected();
    sync.editCodeSnippet('a', 'x').catch(() => {}); // arms a pong timer too
    assert.ok(clock.pending >= 2);
    sync.disconnect();
    assert.equal(clock.pending, 0);
    assert.equal(socket.listenerCount, 0);
    assert.deepEqual(socket.closedWith, { code: 1000, reason: 'client disconnect' });
    assert.equal(sync.state, 'disconnected');
    assert.equal(sync.desktopConnected, false);
  });

  it('rejects edits still waiting for the server', async () => {
    const { sync, connected } = harness();
    await connected();
    const editing = sync.editCodeSnippet('a', 'x');
    sync.disconnect();
    await assert.rejects(editing, { code: 'DISCONNECTED' });
  });

  it('cancels a connect in progress and rejects its promise', async () => {
    const { clock, sync, sockets } = harness();
    const connecting = sync.connect();
    sync.disconnect();
    await assert.rejects(connecting, { code: 'DISCONNECTED' });
    assert.equal(clock.pending, 0);
    assert.equal(sockets[0].listenerCount, 0);
    sockets[0].serverOpen(); // too late: nothing happens
    assert.equal(sockets[0].sent.length, 0);
  });

  it('cancels a pending reconnect and rejects connect() callers waiting for it', async () => {
    const { clock, sync, sockets, connected } = harness();
    await connected();
    sockets[0].serverClose(1006);
    const waiting = sync.connect(); // joins the reconnect cycle
    assert.equal(clock.pending, 1);
    sync.disconnect();
    await assert.rejects(waiting, { code: 'DISCONNECTED' });
    assert.equal(clock.pending, 0);
    clock.advance(60000);
    assert.equal(sockets.length, 1);
  });

  it('also clears everything after the reconnect cycle gave up', async () => {
    const { clock, sync, sockets, connected } = harness({ timing: { maxReconnectAttempts: 1 } });
    await connected();
    sockets[0].serverClose(1006);
    clock.advance(1000);
    sockets[1].serverClose(1006);
    assert.equal(sync.state, 'error');
    assert.equal(clock.pending, 0);
    sync.disconnect();
    assert.equal(sync.state, 'disconnected');
  });

  it('keeps registered callbacks for a later connect()', async () => {
    const { sync, connected } = harness();
    const seen = [];
    sync.onCodeUpdate((id, code) => seen.push(code));
    await connected();
    sync.disconnect();
    const socket = await connected();
    socket.serverSend({ type: 'code_update', sessionId: 's', payload: { textareaId: 't', code: 'after' } });
    assert.deepEqual(seen, ['after']);
  });
});

describe('callbacks that call disconnect()', () => {
  it('on connected: nothing keeps running', async () => {
    const { clock, sync, sockets, open } = harness();
    sync.statusChange((connected) => {
      if (connected) sync.disconnect();
    });
    const connecting = sync.connect();
    open();
    await connecting; // it did connect, then the callback disconnected
    assert.equal(sync.state, 'disconnected');
    assert.equal(clock.pending, 0);
    assert.equal(sockets[0].listenerCount, 0);
  });

  it('when the agent disappears with the connection: no reconnect is scheduled', async () => {
    const { clock, sync, sockets, connected } = harness();
    await connected();
    sync.onDesktopStatus((present) => {
      if (!present) sync.disconnect();
    });
    sockets[0].serverClose(1006);
    assert.equal(sync.state, 'disconnected');
    assert.equal(clock.pending, 0);
    clock.advance(60000);
    assert.equal(sockets.length, 1);
  });

  it('on reconnecting: no reconnect is scheduled', async () => {
    const { clock, sync, sockets, connected } = harness({ desktop: false });
    await connected();
    sync.statusChange((_, state) => {
      if (state === 'reconnecting') sync.disconnect();
    });
    sockets[0].serverClose(1006);
    assert.equal(sync.state, 'disconnected');
    assert.equal(clock.pending, 0);
  });

  it('a connect() from the disconnected callback starts a fresh connection that is not rejected', async () => {
    const { sync, sockets, open, connected } = harness();
    await connected();
    let again;
    const off = sync.statusChange((_, state) => {
      if (state === 'disconnected') {
        off();
        again = sync.connect();
      }
    });
    sync.disconnect();
    assert.equal(sync.state, 'connecting');
    open();
    await again;
    assert.equal(sockets.length, 2);
    assert.equal(sync.isConnected(), true);
  });
});

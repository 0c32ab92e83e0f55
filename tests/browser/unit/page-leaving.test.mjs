// A page that is being unloaded (pagehide, not into the back-forward cache) tells the
// relay with browser_leaving, so a closed tab's editors learn at once; a page kept in
// the back-forward cache, or an instance disconnected on purpose, says nothing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebDevSync } from '../../../transport/WebDevSync.Browser/src/index.js';
import { FakeClock, fakeWebSocket, openSession } from './support/fakes.mjs';

class PageEvents extends EventTarget {
  hide(persisted) {
    const event = new Event('pagehide');
    event.persisted = persisted;
    this.dispatchEvent(event);
  }
}

async function connectedClient() {
  const page = new PageEvents();
  const { FakeWebSocket, sockets } = fakeWebSocket();
  const sync = new WebDevSync('alice', false, { url: 'ws://relay.test/web-dev-sync/ws', WebSocket: FakeWebSocket, clock: new FakeClock(), probe: false, storage: null, pageEvents: page });
  const done = sync.connect();
  const socket = sockets.at(-1);
  socket.serverOpen();
  socket.serverSend({ type: 'connection_ack', connectionId: sync.connectionId, status: 'connected', payload: { role: 'browser', userId: 'alice' } });
  socket.serverSend({ type: 'desktop_status', payload: { connected: true } });
  await done;
  return { page, sync, socket };
}

describe('a page being unloaded', () => {
  it('sends browser_leaving with its ids when the page is not kept in the back-forward cache', async () => {
    const { page, sync, socket } = await connectedClient();
    await openSession(sync, socket, 'code-1');
    page.hide(false);
    assert.deepEqual(socket.sentOfType('browser_leaving'), [{ type: 'browser_leaving', connectionId: sync.connectionId, userId: 'alice' }]);
    sync.disconnect();
  });

  it('says nothing when the page goes into the back-forward cache (persisted)', async () => {
    const { page, sync, socket } = await connectedClient();
    page.hide(true);
    assert.deepEqual(socket.sentOfType('browser_leaving'), []);
    sync.disconnect();
  });

  it('says nothing after disconnect(): the listener is gone', async () => {
    const { page, sync, socket } = await connectedClient();
    sync.disconnect();
    page.hide(false);
    assert.deepEqual(socket.sentOfType('browser_leaving'), []);
  });
});

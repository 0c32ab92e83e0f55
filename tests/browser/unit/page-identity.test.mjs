// A reload is not a goodbye: the client id and the open sessions are kept in
// sessionStorage for the page's life, so the next instance of the page resumes them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebDevSync } from '../../../transport/WebDevSync.Browser/src/index.js';
import { pageIdentity } from '../../../transport/WebDevSync.Browser/src/page-identity.js';
import { FakeClock, fakeWebSocket, openSession } from './support/fakes.mjs';

class MemoryStorage {
  #items = new Map();
  getItem(key) { return this.#items.has(key) ? this.#items.get(key) : null; }
  setItem(key, value) { this.#items.set(key, String(value)); }
  removeItem(key) { this.#items.delete(key); }
}

const URL_ = 'ws://relay.test/web-dev-sync/ws';

function client(storage) {
  const { FakeWebSocket, sockets } = fakeWebSocket();
  const sync = new WebDevSync('alice', false, { url: URL_, WebSocket: FakeWebSocket, clock: new FakeClock(), probe: false, storage });
  async function connected() {
    const done = sync.connect();
    const socket = sockets.at(-1);
    socket.serverOpen();
    socket.serverSend({ type: 'connection_ack', connectionId: sync.connectionId, status: 'connected', payload: { role: 'browser', userId: 'alice' } });
    socket.serverSend({ type: 'desktop_status', payload: { connected: true } });
    await done;
    return socket;
  }
  return { sync, sockets, connected };
}

describe('the page-lifetime identity', () => {
  it('the next instance of the page (after a reload) has the same connection id and resumes the open sessions', async () => {
    const storage = new MemoryStorage();
    const first = client(storage);
    const socket = await first.connected();
    const sessionId = await openSession(first.sync, socket, 'code-1');
    first.sync.disconnect(); // what the old page's instance leaves behind is what the reloaded one finds

    const again = client(storage);
    assert.equal(again.sync.connectionId, first.sync.connectionId);
    const next = await again.connected();
    const [connect] = next.sentOfType('browser_connect');
    assert.deepEqual(connect.payload.sessions, [{ sessionId, seq: 0 }], 'resumed at seq 0: the relay sends the newest text');
    next.serverSend({ type: 'pong' });
    again.sync.editCodeSnippet('code-1', 'x', 'js').catch(() => {}); // disconnected below before its pong
    assert.equal(next.sentOfType('edit_request').at(-1).sessionId, sessionId, 'Edit on the same textarea reuses the session');
    again.sync.disconnect();
  });

  it('a closed session is not resumed after a reload', async () => {
    const storage = new MemoryStorage();
    const first = client(storage);
    const socket = await first.connected();
    const sessionId = await openSession(first.sync, socket, 'code-1');
    socket.serverSend({ type: 'session_closed', sessionId, payload: { textareaId: 'code-1', reason: 'editor_exited' } });
    first.sync.disconnect();
    const again = client(storage);
    const next = await again.connected();
    assert.equal(next.sentOfType('browser_connect')[0].payload?.sessions, undefined);
    again.sync.disconnect();
  });

  it('two instances at once in one page never share an id', () => {
    const storage = new MemoryStorage();
    const a = client(storage);
    const b = client(storage);
    assert.notEqual(a.sync.connectionId, b.sync.connectionId);
    a.sync.disconnect();
    b.sync.disconnect();
  });

  it('ignores what does not read as an identity and keeps nothing without storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(`web-dev-sync:${URL_}\nalice`, '{"connectionId":42,"sessions":"no"}');
    const identity = pageIdentity(storage, URL_, 'alice');
    assert.match(identity.connectionId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(identity.sessions, []);
    identity.release();
    const none = client(null);
    assert.match(none.sync.connectionId, /^[0-9a-f-]{36}$/);
  });
});

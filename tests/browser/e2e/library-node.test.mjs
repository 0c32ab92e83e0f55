// The library itself (run in Node with the `ws` WebSocket) against the real
// relay server, with a minimal desktop client speaking the agent's side of the
// protocol: the paths a browser test cannot force, such as a socket dying
// under the page.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { WebDevSync } from '../../../transport/WebDevSync.Browser/src/index.js';
import { fakeDesktop } from './support/desktop-client.mjs';
import { ensureBuilt, startServer, stopAll } from './support/processes.mjs';

/** A WebSocket class that remembers its instances and what the client sent. */
function recordingWebSocket() {
  const sockets = [];
  class Recording extends WebSocket {
    constructor(...args) {
      super(...args);
      this.sentMessages = [];
      sockets.push(this);
    }

    send(data, ...rest) {
      this.sentMessages.push(JSON.parse(data));
      return super.send(data, ...rest);
    }
  }
  return { Recording, sockets };
}

/** Resolves on the first call of a register(cb) style subscription that satisfies `predicate`. */
const nextCall = (register, predicate = () => true) => new Promise((resolve) => {
  const off = register((...args) => {
    if (!predicate(...args)) return;
    off();
    resolve(args);
  });
});

describe('the library against the real relay', () => {
  let server;

  before(async () => {
    ensureBuilt({ agent: false });
    server = await startServer();
  });

  after(() => stopAll());

  it('rejects an edit with NO_DESKTOP and its session id when the user has no agent', async () => {
    const sync = new WebDevSync('nobody-e2e', false, { url: server.wsUrl, WebSocket });
    await sync.connect();
    assert.equal(sync.desktopConnected, false);
    await assert.rejects(sync.editCodeSnippet('code-1', 'x', 'js'), (error) => {
      assert.equal(error.code, 'NO_DESKTOP');
      assert.equal(error.message, 'No desktop connection found');
      assert.match(error.sessionId, /^[0-9a-f-]{36}$/);
      return true;
    });
    sync.disconnect();
  });

  it('after its socket dies, reconnects by itself, resumes its session and gets the save it missed', async () => {
    const { Recording, sockets } = recordingWebSocket();
    const sync = new WebDevSync('erin-e2e', false, { url: server.wsUrl, WebSocket: Recording });
    const updates = [];
    sync.onCodeUpdate((textareaId, code, info) => updates.push({ textareaId, code, seq: info.seq }));
    await sync.connect();
    const desktop = await fakeDesktop(server.wsUrl, 'erin-e2e');
    if (!sync.desktopConnected) await nextCall((cb) => sync.onDesktopStatus(cb), (present) => present);

    const { sessionId } = await sync.editCodeSnippet('code-1', 'original', 'js');
    const request = await desktop.next('edit_request');
    assert.equal(request.sessionId, sessionId);
    assert.equal(request.payload.browserConnectionId, sync.connectionId);

    const firstUpdate = nextCall((cb) => sync.onCodeUpdate(cb));
    desktop.update(sessionId, 'code-1', 'save 1');
    await firstUpdate;

    const reconnecting = nextCall((cb) => sync.statusChange(cb), (_, state) => state === 'reconnecting');
    sockets[0].terminate(); // the network drops the connection: not asked for
    await reconnecting;
    desktop.update(sessionId, 'code-1', 'save 2, made while the tab was away');

    const missed = nextCall((cb) => sync.onCodeUpdate(cb));
    await sync.connect(); // joins the automatic reconnect
    await missed;

    assert.equal(sockets.length, 2);
    const hello = sockets[1].sentMessages[0];
    assert.equal(hello.type, 'browser_connect');
    assert.equal(hello.connectionId, sync.connectionId);
    assert.deepEqual(hello.payload.sessions, [{ sessionId, seq: updates[0].seq }]);
    assert.deepEqual(updates.map((u) => u.code), ['save 1', 'save 2, made while the tab was away']);
    assert.ok(updates[1].seq > updates[0].seq);
    sync.disconnect();
    desktop.close();
  });
});

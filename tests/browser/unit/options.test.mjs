// Construction: options, the default URL, the token subprotocols, transports, UUIDs.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebDevSync, registerTransport } from '../../../transport/WebDevSync.Browser/src/index.js';
import { resolveUrl } from '../../../transport/WebDevSync.Browser/src/options.js';
import { generateUUID } from '../../../transport/WebDevSync.Browser/src/uuid.js';
import { FakeClock, fakeWebSocket } from './support/fakes.mjs';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the relay URL', () => {
  it("defaults to the page's origin and /web-dev-sync/ws", () => {
    assert.equal(resolveUrl(undefined, { href: 'http://localhost:8071/web-dev-sync/' }), 'ws://localhost:8071/web-dev-sync/ws');
    assert.equal(resolveUrl(undefined, { href: 'https://app.example/editor?x=1' }), 'wss://app.example/web-dev-sync/ws');
  });

  it('turns http(s) into ws(s) and resolves relative URLs', () => {
    assert.equal(resolveUrl('https://relay.example/web-dev-sync/ws', undefined), 'wss://relay.example/web-dev-sync/ws');
    assert.equal(resolveUrl('/custom/ws', { href: 'http://a.test/page' }), 'ws://a.test/custom/ws');
  });

  it('is required outside a page, and must be a WebSocket or HTTP URL', () => {
    assert.throws(() => resolveUrl(undefined, undefined), TypeError);
    assert.throws(() => resolveUrl('ftp://x/ws', undefined), TypeError);
  });
});

describe('the constructor', () => {
  it('keeps the seed signature (userId, debug) and exposes its fields', () => {
    const sync = new WebDevSync('user123', true, { url: 'ws://x/ws' });
    assert.equal(sync.userId, 'user123');
    assert.equal(sync.debug, true);
    assert.equal(sync.isConnected(), false);
    assert.equal(sync.state, 'disconnected');
    assert.match(sync.connectionId, UUID_V4);
    assert.notEqual(new WebDevSync('user123', false, { url: 'ws://x/ws' }).connectionId, sync.connectionId);
  });

  it('refuses an empty user id, unknown transports, bad timing and non-string tokens', () => {
    assert.throws(() => new WebDevSync('', false, { url: 'ws://x/ws' }), TypeError);
    assert.throws(() => new WebDevSync('u', false, { url: 'ws://x/ws', transport: 'carrier-pigeon' }), /Unknown transport/);
    assert.throws(() => new WebDevSync('u', false, { url: 'ws://x/ws', timing: { pongTimeoutMs: -1 } }), RangeError);
    assert.throws(() => new WebDevSync('u', false, { url: 'ws://x/ws', token: 42 }), TypeError);
  });
});

describe('the token', () => {
  const socketFor = (token) => {
    const { FakeWebSocket, sockets } = fakeWebSocket();
    const sync = new WebDevSync('u', false, { url: 'ws://x/ws', token, WebSocket: FakeWebSocket, clock: new FakeClock() });
    sync.connect().catch(() => {});
    return sockets[0];
  };

  it('travels as the subprotocols webdevsync and bearer.<token>, never in the URL', () => {
    const socket = socketFor('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.sig-_');
    assert.deepEqual(socket.protocols, ['webdevsync', 'bearer.eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.sig-_']);
    assert.equal(socket.url, 'ws://x/ws');
  });

  it('without a token, no subprotocol is offered', () => {
    assert.equal(socketFor(undefined).protocols, undefined);
  });

  it('with characters a header cannot carry, fails the connect with a clear error', async () => {
    const { FakeWebSocket } = fakeWebSocket();
    const sync = new WebDevSync('u', false, { url: 'ws://x/ws', token: 'has space', WebSocket: FakeWebSocket, clock: new FakeClock() });
    await assert.rejects(sync.connect(), { code: 'CONNECTION_FAILED', message: /token/ });
  });
});

describe('transports', () => {
  it('can be plugged in by name behind the same interface', async () => {
    const clock = new FakeClock();
    const sent = [];
    registerTransport('loopback-test', (config, handlers) => {
      clock.setTimeout(() => handlers.open(), 0);
      return {
        send(message) {
          sent.push(message);
          // An already-decoded object, as a non-JSON transport would deliver.
          if (message.type === 'browser_connect') clock.setTimeout(() => handlers.message({ type: 'connection_ack', connectionId: message.connectionId }), 0);
        },
        close() {},
      };
    });
    const sync = new WebDevSync('u', false, { url: 'ws://x/ws', transport: 'loopback-test', clock });
    const connecting = sync.connect();
    clock.advance(0);
    await connecting;
    assert.equal(sync.isConnected(), true);
    assert.equal(sent[0].type, 'browser_connect');
  });
});

describe('generateUUID', () => {
  it('uses crypto.randomUUID when there is one', () => {
    assert.equal(generateUUID({ randomUUID: () => 'from-randomUUID' }), 'from-randomUUID');
  });

  it('falls back on crypto.getRandomValues (insecure contexts) with a valid v4 UUID', () => {
    const fallback = { getRandomValues: (bytes) => globalThis.crypto.getRandomValues(bytes) };
    const ids = new Set(Array.from({ length: 200 }, () => generateUUID(fallback)));
    assert.equal(ids.size, 200);
    for (const id of ids) assert.match(id, UUID_V4);
    assert.match(generateUUID({ getRandomValues: (b) => b.fill(255) }), UUID_V4);
    assert.match(generateUUID({ getRandomValues: (b) => b.fill(0) }), UUID_V4);
  });

  it('refuses to invent ids without a cryptographic source', () => {
    assert.throws(() => generateUUID({}), /crypto/);
  });
});

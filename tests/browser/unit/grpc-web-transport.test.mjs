// The gRPC-Web transport's channel logic with a fake Connect client: browser_connect
// opens Subscribe, later messages go one at a time through Send stamped with the
// connection_id, and the stream ending or a Send failing is a drop that the client
// answers with its usual reconnect. (The real client and relay: e2e/grpc-web.test.mjs.)

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebDevSync } from '../../../transport/WebDevSync.Browser/src/index.js';
import { resolveTransport } from '../../../transport/WebDevSync.Browser/src/transports/registry.js';
import { authorizationHeaders, createGrpcWebTransport, grpcWebBaseUrl } from '../../../transport/WebDevSync.Browser/src/transports/grpc-web.js';
import { FakeClock } from './support/fakes.mjs';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A stand-in for grpc-web-client.js: the test plays the relay. */
function fakeRelay({ failSendWith } = {}) {
  const calls = [];
  const streams = [];
  const relay = {
    calls,
    streams,
    baseUrls: [],
    module: {
      createRelayClient(baseUrl) {
        relay.baseUrls.push(baseUrl);
        return {
          subscribe(connect, options) {
            calls.push({ method: 'subscribe', message: connect, options });
            const stream = pushStream(options.signal);
            streams.push(stream);
            return stream.iterable;
          },
          async send(message, options) {
            calls.push({ method: 'send', message, options });
            await tick(); // a real round trip takes a while: the next Send must wait for it
            calls.push({ method: 'send-done', message });
            if (failSendWith) throw failSendWith;
          },
        };
      },
    },
  };
  return relay;
}

/** An async iterable the test feeds: push(message), end(), fail(error); aborting ends it with an error. */
function pushStream(signal) {
  const queue = [];
  let wake = () => {};
  let done = false;
  let error;
  signal.addEventListener('abort', () => { error = new Error('aborted'); wake(); });
  return {
    push(message) { queue.push(message); wake(); },
    end() { done = true; wake(); },
    fail(e) { error = e; wake(); },
    iterable: (async function* () {
      for (;;) {
        if (queue.length > 0) { yield queue.shift(); continue; }
        if (error) throw error;
        if (done) return;
        await new Promise((resolve) => { wake = resolve; });
      }
    })(),
  };
}

function recordingHandlers() {
  const events = [];
  return {
    events,
    handlers: {
      open: () => events.push(['open']),
      message: (m) => events.push(['message', m]),
      close: (info) => events.push(['close', info]),
    },
  };
}

// The refusal probe is stubbed (the relay is away: no refusal): the real one would fetch relay.test, a name
// that resolves nowhere, and take however long the resolver takes.
const config = (relay, extra = {}) => ({
  url: 'ws://relay.test:8071/web-dev-sync/ws', log: () => {}, loadClient: async () => relay.module, probe: async () => null, ...extra,
});

describe('grpcWebBaseUrl', () => {
  it('maps the WebSocket endpoint to the HTTP origin serving the service', () => {
    assert.equal(grpcWebBaseUrl('ws://127.0.0.1:8071/web-dev-sync/ws'), 'http://127.0.0.1:8071');
    assert.equal(grpcWebBaseUrl('wss://example.com/web-dev-sync/ws'), 'https://example.com');
    assert.equal(grpcWebBaseUrl('https://example.com:8443/x'), 'https://example.com:8443');
    assert.throws(() => grpcWebBaseUrl('ftp://example.com/'), TypeError);
  });

  it('sends the token as a bearer authorization header, and no header without one', () => {
    assert.deepEqual(authorizationHeaders('a.b.c'), { authorization: 'Bearer a.b.c' });
    assert.deepEqual(authorizationHeaders(undefined), {});
  });

  it("is registered as the 'grpc-web' transport", () => {
    assert.equal(resolveTransport('grpc-web'), createGrpcWebTransport);
  });
});

describe('the gRPC-Web channel', () => {
  it('opens once the client is loaded and subscribes with the connect message', async () => {
    const relay = fakeRelay();
    const { events, handlers } = recordingHandlers();
    const transport = createGrpcWebTransport(config(relay, { token: 'tok' }), handlers);
    assert.deepEqual(events, [], 'no handler runs synchronously');
    await tick();
    assert.deepEqual(events, [['open']]);
    assert.deepEqual(relay.baseUrls, ['http://relay.test:8071']);
    const hello = { type: 'browser_connect', connectionId: 'b-1', userId: 'alice' };
    transport.send(hello);
    await tick();
    assert.equal(relay.calls[0].method, 'subscribe');
    assert.deepEqual(relay.calls[0].message, hello);
    assert.deepEqual(relay.calls[0].options.headers, { authorization: 'Bearer tok' });
    relay.streams[0].push({ type: 'pong' });
    await tick();
    assert.deepEqual(events.at(-1), ['message', { type: 'pong' }]);
    transport.close();
  });

  it('sends later messages through Send, stamped with the connection id, one after the other', async () => {
    const relay = fakeRelay();
    const { handlers } = recordingHandlers();
    const transport = createGrpcWebTransport(config(relay), handlers);
    await tick();
    transport.send({ type: 'browser_connect', connectionId: 'b-1', userId: 'alice' });
    transport.send({ type: 'edit_request', sessionId: 's1', payload: { textareaId: 't', code: 'c', fileType: 'js' } });
    transport.send({ type: 'ping' });
    for (let i = 0; i < 10; i++) await tick();
    const sends = relay.calls.filter((c) => c.method !== 'subscribe').map((c) => [c.method, c.message.type, c.message.connectionId]);
    assert.deepEqual(sends, [
      ['send', 'edit_request', 'b-1'], ['send-done', 'edit_request', 'b-1'],
      ['send', 'ping', 'b-1'], ['send-done', 'ping', 'b-1'],
    ]);
    transport.close();
  });

  it('reports the stream ending as a close, once', async () => {
    const relay = fakeRelay();
    const { events, handlers } = recordingHandlers();
    const transport = createGrpcWebTransport(config(relay), handlers);
    await tick();
    transport.send({ type: 'browser_connect', connectionId: 'b-1', userId: 'alice' });
    await tick();
    relay.streams[0].end();
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(events.filter(([e]) => e === 'close'), [['close', { code: 1000, reason: 'stream ended' }]]);
    assert.throws(() => transport.send({ type: 'ping' }), /not open/);
  });

  it('reports a failing stream or a failing Send as an abnormal close', async () => {
    for (const failure of ['stream', 'send']) {
      const relay = fakeRelay({ failSendWith: failure === 'send' ? new Error('[not_found] no open subscription') : undefined });
      const { events, handlers } = recordingHandlers();
      const transport = createGrpcWebTransport(config(relay), handlers);
      await tick();
      transport.send({ type: 'browser_connect', connectionId: 'b-1', userId: 'alice' });
      await tick();
      if (failure === 'stream') relay.streams[0].fail(new Error('[unavailable] network'));
      else transport.send({ type: 'ping' });
      for (let i = 0; i < 5; i++) await tick();
      const closes = events.filter(([e]) => e === 'close');
      assert.equal(closes.length, 1, failure);
      assert.equal(closes[0][1].code, 1006, failure);
    }
  });

  it('reports nothing after close() and aborts the calls under way', async () => {
    const relay = fakeRelay();
    const { events, handlers } = recordingHandlers();
    const transport = createGrpcWebTransport(config(relay), handlers);
    await tick();
    transport.send({ type: 'browser_connect', connectionId: 'b-1', userId: 'alice' });
    await tick();
    transport.close();
    assert.equal(relay.calls[0].options.signal.aborted, true);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(events, [['open']]);
  });

  it('closing before the client loaded means it never opens', async () => {
    const relay = fakeRelay();
    const { events, handlers } = recordingHandlers();
    createGrpcWebTransport(config(relay), handlers).close();
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(events, []);
  });
});

describe('WebDevSync over the gRPC-Web channel', () => {
  /** The client with the gRPC-Web transport over the fake relay. */
  function setup() {
    const relay = fakeRelay();
    const clock = new FakeClock();
    const transport = (cfg, handlers) => createGrpcWebTransport({ ...cfg, loadClient: async () => relay.module }, handlers);
    const sync = new WebDevSync('alice', false, { url: 'ws://relay.test/web-dev-sync/ws', transport, clock });
    return { relay, clock, sync };
  }

  const ack = (connectionId) => ({ type: 'connection_ack', connectionId, status: 'connected', payload: { role: 'browser', userId: 'alice' } });

  it('connects, edits and receives a save with the same API as over WebSocket', async () => {
    const { relay, sync } = setup();
    const connecting = sync.connect();
    for (let i = 0; i < 3; i++) await tick();
    assert.deepEqual(relay.calls[0].message, { type: 'browser_connect', connectionId: sync.connectionId, userId: 'alice', payload: { acceptsCodeMerged: true, acceptsEdits: true } });
    relay.streams[0].push(ack(sync.connectionId));
    relay.streams[0].push({ type: 'desktop_status', payload: { connected: true } });
    await connecting;
    for (let i = 0; i < 3; i++) await tick();
    assert.equal(sync.desktopConnected, true);

    const updates = [];
    sync.onCodeUpdate((textareaId, code, info) => updates.push([textareaId, code, info.seq]));
    const editing = sync.editCodeSnippet('code-1', 'x = 1', 'js');
    for (let i = 0; i < 6; i++) await tick();
    const sent = relay.calls.filter((c) => c.method === 'send').map((c) => c.message);
    assert.deepEqual(sent.map((m) => [m.type, m.connectionId]), [['edit_request', sync.connectionId], ['ping', sync.connectionId]]);
    relay.streams[0].push({ type: 'pong' });
    const { sessionId } = await editing;
    relay.streams[0].push({ type: 'code_update', sessionId, payload: { textareaId: 'code-1', code: 'x = 2', seq: 1 } });
    for (let i = 0; i < 3; i++) await tick();
    assert.deepEqual(updates, [['code-1', 'x = 2', 1]]);
    sync.disconnect();
  });

  it('reconnects with back-off and resumes when the stream drops', async () => {
    const { relay, clock, sync } = setup();
    const connecting = sync.connect();
    for (let i = 0; i < 3; i++) await tick();
    relay.streams[0].push(ack(sync.connectionId));
    await connecting;
    relay.streams[0].fail(new Error('[unavailable] relay restarted'));
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(sync.state, 'reconnecting');
    clock.advance(1000);
    for (let i = 0; i < 3; i++) await tick();
    assert.equal(relay.streams.length, 2, 'a new Subscribe');
    assert.equal(relay.calls.filter((c) => c.method === 'subscribe')[1].message.connectionId, sync.connectionId);
    relay.streams[1].push(ack(sync.connectionId));
    for (let i = 0; i < 3; i++) await tick();
    assert.equal(sync.state, 'connected');
    sync.disconnect();
  });
});

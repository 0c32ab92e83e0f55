/**
 * The gRPC-Web transport (`transport: 'grpc-web'`): the same channel as the
 * WebSocket one, over the relay's webdevsync.v1.WebDevSync service on the same
 * origin's HTTP port. gRPC-Web cannot stream requests, so:
 *
 *   open     the Connect client is loaded (lazily: pages on WebSocket never pay for it)
 *   send     browser_connect starts Subscribe, whose response stream carries
 *            everything the relay sends us; every later message goes by the
 *            unary Send, stamped with our connection_id, one at a time so the
 *            relay sees them in order (the edit/ping barrier relies on it)
 *   close    the stream ending or failing, or a Send failing (e.g. NOT_FOUND
 *            after the relay dropped us): the client then reconnects with
 *            back-off exactly as for a WebSocket
 *
 * The token travels as `authorization: Bearer <token>` on both calls.
 */

import { probeRefusal } from './refusal-probe.js';

/** Close codes reported to the client, in WebSocket terms (it only logs them). */
const CLOSE_NORMAL = 1000;
const CLOSE_ABNORMAL = 1006;

/**
 * The gRPC-Web base URL for the configured relay URL: the WebSocket endpoint
 * `ws(s)://host/web-dev-sync/ws` is served by `http(s)://host`, whose root holds
 * the service's `/webdevsync.v1.WebDevSync/<Method>` paths.
 * @param {string} url a ws:, wss:, http: or https: URL
 */
export function grpcWebBaseUrl(url) {
  const parsed = new URL(url);
  const scheme = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' }[parsed.protocol];
  if (scheme === undefined) throw new TypeError(`cannot derive a gRPC-Web URL from a ${parsed.protocol} URL`);
  return `${scheme}//${parsed.host}`;
}

/** @param {string | undefined} token */
export function authorizationHeaders(token) {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * @type {import('./registry.js').TransportFactory}
 * `config.loadClient` (tests) replaces the lazy import of the Connect client.
 */
export function createGrpcWebTransport(config, handlers) {
  const baseUrl = grpcWebBaseUrl(config.url);
  const headers = authorizationHeaders(config.token);
  const aborter = new AbortController();
  let closed = false;
  /** @type {{ subscribe: Function, send: Function } | null} */
  let client = null;
  let connectionId;
  let sending = Promise.resolve();

  function finish(code, reason, refused = null) {
    if (closed) return;
    closed = true;
    aborter.abort();
    handlers.close(refused ? { code, reason, refused } : { code, reason });
  }

  let received = false;
  const probe = config.probe === false ? null : (config.probe ?? probeRefusal);

  const failed = (what) => (error) => {
    if (closed) return; // our own abort
    config.log(`grpc-web ${what} failed:`, error?.message ?? String(error));
    const reason = `${what} failed: ${error?.message ?? error}`.slice(0, 200);
    if (what !== 'Subscribe' || received || probe === null) {
      finish(CLOSE_ABNORMAL, reason);
      return;
    }
    // Refused before anything arrived (from a foreign origin the browser hides even the status): ask why.
    probe(config.url, config.token).then(
      (refused) => finish(CLOSE_ABNORMAL, reason, refused),
      () => finish(CLOSE_ABNORMAL, reason),
    );
  };

  async function subscribe(message) {
    for await (const incoming of client.subscribe(message, { headers, signal: aborter.signal })) {
      if (closed) return;
      received = true;
      handlers.message(incoming);
    }
    config.log('grpc-web stream ended');
    finish(CLOSE_NORMAL, 'stream ended');
  }

  const load = config.loadClient ?? (() => import('./grpc-web-client.js'));
  Promise.resolve()
    .then(load)
    .then((module) => {
      if (closed) return;
      client = module.createRelayClient(baseUrl);
      handlers.open();
    })
    .catch(failed('loading the gRPC-Web client'));

  return {
    // Changes travel as edits both ways (README "Edits"), mapped to CodeUpdate.edits (grpc-web-messages.js).
    carriesEdits: true,
    send(message) {
      if (closed || client === null) throw new Error('the gRPC-Web channel is not open');
      if (connectionId === undefined) {
        if (message.type !== 'browser_connect' && message.type !== 'desktop_connect') throw new Error('the first message must be a connect message');
        connectionId = message.connectionId;
        subscribe(message).catch(failed('Subscribe'));
        return;
      }
      // Send finds our subscription by connection_id, so every message carries it.
      const stamped = { ...message, connectionId };
      if (message.type === 'browser_leaving') {
        // The page is unloading: now, not behind earlier Sends, and on a request that outlives the page.
        (client.sendWhileUnloading ?? client.send).call(client, stamped, { headers }).catch(() => {});
        return;
      }
      sending = sending.then(() => (closed ? undefined : client.send(stamped, { headers, signal: aborter.signal }))).catch(failed('Send'));
    },
    // Closing on purpose reports nothing back: the caller already knows.
    close() {
      if (closed) return;
      closed = true;
      aborter.abort();
    },
  };
}

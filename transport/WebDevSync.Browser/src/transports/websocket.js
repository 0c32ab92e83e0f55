/**
 * The default transport: JSON text frames over one WebSocket.
 *
 * Authentication: browsers cannot set an Authorization header on a WebSocket,
 * and a token in the URL ends up in logs, so the token travels in the
 * Sec-WebSocket-Protocol header. With a token we offer two subprotocols,
 * `webdevsync` and `bearer.<token>`; the server selects `webdevsync` (browsers
 * fail the handshake when the server selects none of the offered ones). Without
 * a token no subprotocol is offered at all.
 */

import { probeRefusal } from './refusal-probe.js';

export const SUBPROTOCOL = 'webdevsync';
export const BEARER_PREFIX = 'bearer.';

// RFC 6455 requires subprotocols to be HTTP tokens; JWTs (base64url + dots) are.
const TOKEN_CHARS = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/**
 * @param {string | undefined} token
 * @returns {string[] | undefined} the subprotocols to offer
 */
export function subprotocolsFor(token) {
  if (token === undefined || token === null || token === '') return undefined;
  if (typeof token !== 'string' || !TOKEN_CHARS.test(token)) {
    throw new TypeError('token may only contain HTTP token characters (a JWT does)');
  }
  return [SUBPROTOCOL, BEARER_PREFIX + token];
}

/**
 * @type {import('./registry.js').TransportFactory}
 */
export function createWebSocketTransport(config, handlers) {
  const WebSocketImpl = config.WebSocket ?? globalThis.WebSocket;
  if (typeof WebSocketImpl !== 'function') throw new Error('No WebSocket implementation available');
  const protocols = subprotocolsFor(config.token);
  const socket = protocols ? new WebSocketImpl(config.url, protocols) : new WebSocketImpl(config.url);
  let closed = false;
  let opened = false;
  const probe = config.probe === false ? null : (config.probe ?? probeRefusal);

  const onOpen = () => {
    opened = true;
    handlers.open();
  };
  const onMessage = (event) => handlers.message(event.data);
  // Browsers follow every 'error' with a 'close', so 'close' alone ends the transport.
  const onError = () => config.log('websocket error event');
  const onClose = (event) => {
    const info = { code: event.code, reason: event.reason ?? '' };
    if (opened || event.code !== 1006 || probe === null) {
      finish(info);
      return;
    }
    // Never opened: a refused upgrade looks like this, and so does a relay that is away. Ask which.
    detach();
    probe(config.url, config.token).then(
      (refused) => finish(refused ? { ...info, refused } : info),
      () => finish(info),
    );
  };

  function detach() {
    socket.removeEventListener('open', onOpen);
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('error', onError);
    socket.removeEventListener('close', onClose);
  }

  function finish(info) {
    if (closed) return;
    closed = true;
    detach();
    handlers.close(info);
  }

  socket.addEventListener('open', onOpen);
  socket.addEventListener('message', onMessage);
  socket.addEventListener('error', onError);
  socket.addEventListener('close', onClose);

  return {
    // The JSON protocol carries changes as edits (README "Edits").
    carriesEdits: true,
    send(message) {
      socket.send(JSON.stringify(message));
    },
    // Closing on purpose reports nothing back: the caller already knows.
    close(code = 1000, reason = '') {
      if (closed) return;
      closed = true;
      detach();
      try {
        socket.close(code, reason);
      } catch {
        // Closing a socket that is already closing or failed is not an error for us.
      }
    },
  };
}

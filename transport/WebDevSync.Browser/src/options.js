/**
 * Turns the constructor's options into a complete, validated configuration.
 */

import { DEFAULT_BACKOFF } from './backoff.js';
import { defaultStorage } from './page-identity.js';
import { defaultPageEvents } from './page-leaving.js';
import { resolveTransport } from './transports/registry.js';

export const ENDPOINT_PATH = '/web-dev-sync/ws';

export const DEFAULT_TIMING = Object.freeze({
  connectTimeoutMs: 10000,
  heartbeatIntervalMs: 30000,
  pongTimeoutMs: 5000,
  ...DEFAULT_BACKOFF,
});

/**
 * The relay URL: explicit `url` (http(s) is turned into ws(s), relative URLs are
 * resolved against the page), else the page's own origin plus the endpoint path.
 * @param {string | undefined} url
 * @param {{ href: string } | undefined} location the page's location, if any
 */
export function resolveUrl(url, location = globalThis.location) {
  const base = location?.href;
  if (url === undefined && base === undefined) {
    throw new TypeError('options.url is required outside a browser page');
  }
  const resolved = new URL(url ?? ENDPOINT_PATH, base);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  else if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  if (resolved.protocol !== 'ws:' && resolved.protocol !== 'wss:') {
    throw new TypeError(`options.url must be a ws:, wss:, http: or https: URL, not ${resolved.protocol}`);
  }
  return resolved.href;
}

/** Timer functions, injectable so tests can drive a fake clock. */
const realClock = () => ({
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (id) => globalThis.clearInterval(id),
});

/**
 * @param {Record<string, unknown>} options
 */
export function resolveOptions(options = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const timing = { ...DEFAULT_TIMING, ...(options.timing ?? {}) };
  for (const [key, value] of Object.entries(timing)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`options.timing.${key} must be a non-negative number`);
  }
  if (options.token !== undefined && typeof options.token !== 'string') throw new TypeError('options.token must be a string');
  return Object.freeze({
    url: resolveUrl(options.url),
    token: options.token,
    transportFactory: resolveTransport(options.transport ?? 'websocket'),
    WebSocket: options.WebSocket,
    // Where the page-lifetime identity is kept (page-identity.js); null keeps none.
    storage: options.storage === undefined ? defaultStorage() : options.storage,
    // Where pagehide is heard (page-leaving.js); tests pass their own target, null watches nothing.
    pageEvents: options.pageEvents === undefined ? defaultPageEvents() : options.pageEvents,
    // Tests replace the refusal probe (refusal-probe.js) or turn it off (false); pages never need to.
    probe: options.probe,
    clock: options.clock ?? realClock(),
    timing: Object.freeze(timing),
  });
}

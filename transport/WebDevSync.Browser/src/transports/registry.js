/**
 * Transports by name. The client speaks to the relay only through this small
 * interface: 'websocket' (the default) and 'grpc-web' are built in, and others
 * plug in with `registerTransport(name, factory)` without touching the client.
 *
 * @typedef {object} TransportConfig
 * @property {string} url relay endpoint (ws:// or wss:// for the WebSocket transport)
 * @property {string | undefined} token bearer token, if any
 * @property {typeof WebSocket | undefined} WebSocket injected implementation (tests, Node)
 * @property {(...args: unknown[]) => void} log debug logger (no-op unless debug)
 *
 * @typedef {object} TransportHandlers
 * @property {() => void} open the channel can carry messages now
 * @property {(data: unknown) => void} message one incoming message: JSON text, or an
 *   object of the same shape for transports that decode themselves
 * @property {(info: { code: number, reason: string }) => void} close the channel ended
 *   without us asking; called at most once
 *
 * @typedef {object} Transport
 * @property {(message: object) => void} send sends one protocol message; may throw if the channel is gone
 * @property {(code?: number, reason?: string) => void} close ends the channel; no handler fires afterwards
 *
 * @typedef {(config: TransportConfig, handlers: TransportHandlers) => Transport} TransportFactory
 *   starts connecting immediately; may throw synchronously (bad URL)
 */

import { createGrpcWebTransport } from './grpc-web.js';
import { createWebSocketTransport } from './websocket.js';

/** @type {Map<string, TransportFactory>} */
const factories = new Map([
  ['websocket', createWebSocketTransport],
  ['grpc-web', createGrpcWebTransport],
]);

/**
 * @param {string} name
 * @param {TransportFactory} factory
 */
export function registerTransport(name, factory) {
  if (typeof name !== 'string' || name === '') throw new TypeError('transport name must be a non-empty string');
  if (typeof factory !== 'function') throw new TypeError('transport factory must be a function');
  factories.set(name, factory);
}

/**
 * @param {string | TransportFactory} transport a registered name or a factory
 * @returns {TransportFactory}
 */
export function resolveTransport(transport) {
  if (typeof transport === 'function') return transport;
  const factory = factories.get(transport);
  if (factory === undefined) {
    throw new TypeError(`Unknown transport ${JSON.stringify(transport)}; available: ${[...factories.keys()].join(', ')}`);
  }
  return factory;
}

// HTTPS requests that trust exactly the test's CA (node's own store is not consulted).

import { randomBytes } from 'node:crypto';
import { request } from 'node:https';

/** GET `url`; resolves with status, headers and body, rejects on a TLS or network error. */
export function get(url, { ca, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** A WebSocket upgrade request to `url`; resolves with the status: 101 when it was switched, else the refusal's. */
export function upgrade(url, { ca, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      ca, agent: false,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64'), ...headers },
    });
    req.once('upgrade', (res, socket) => { socket.destroy(); resolve(res.statusCode); });
    req.once('response', (res) => { res.resume(); resolve(res.statusCode); });
    req.once('error', reject);
    req.end();
  });
}

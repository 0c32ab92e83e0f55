// HTTPS requests that trust exactly the test's CA (node's own store is not consulted).

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

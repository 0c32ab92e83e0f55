// Where nginx sends a connection among several nodes. nginx's round robin (one worker, equal weights,
// every node up) takes the upstream's servers in turn, one request each; a status request through nginx
// says which node answered it (its `cluster.node`), so the node the next request goes to is known.
// The access log (upstream=…, ua=…) says afterwards where each WebSocket went.

import { readFileSync } from 'node:fs';
import { get } from './https.mjs';

export class Placement {
  /** @param {{ origin: string, ca: string, relays: { baseUrl: string, port: number }[] }} o */
  constructor({ origin, ca, relays }) {
    Object.assign(this, { origin, ca, relays });
  }

  /** Each node's id, in the upstream's order (asked of each node directly). */
  async ids() {
    this.nodeIds ??= await Promise.all(this.relays.map(async (r) => (await (await fetch(`${r.baseUrl}status`)).json()).cluster.node));
    return this.nodeIds;
  }

  /** Waits until every node's status counts every node (their heartbeats met in Redis). */
  async nodesMet(timeout = 60000) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const seen = await Promise.all(this.relays.map(async (r) => (await (await fetch(`${r.baseUrl}status`)).json()).cluster?.nodes));
      if (seen.every((n) => n === this.relays.length)) return;
      if (Date.now() > deadline) throw new Error(`the nodes did not meet within ${timeout} ms: each counts ${seen.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends one status request through nginx; returns the index of the node that answered it. */
  async probe() {
    const status = JSON.parse((await get(`${this.origin}/web-dev-sync/status`, { ca: this.ca })).body);
    const index = (await this.ids()).indexOf(status.cluster.node);
    if (index < 0) throw new Error(`status through nginx came from an unknown node ${status.cluster.node}`);
    return index;
  }

  /** The node the request before a probe went to (the one just before it in turn). */
  async previous() {
    const n = this.relays.length;
    return ((await this.probe()) + n - 1) % n;
  }

  /** Probes until the next request will go to a node other than `avoid`; returns that node. */
  async nextAvoiding(avoid) {
    for (let i = 0; i <= this.relays.length; i++) {
      const next = ((await this.probe()) + 1) % this.relays.length;
      if (next !== avoid) return next;
    }
    throw new Error('nginx does not take the nodes in turn');
  }

  /** The node each finished WebSocket request of `ua` went to, from the access log (logged when it closes). */
  webSocketsOf(logFile, ua) {
    return readFileSync(logFile, 'utf8').split('\n')
      .map((line) => line.match(/^GET \/web-dev-sync\/ws 101 upstream=127\.0\.0\.1:(\d+) ua="(.*)"$/))
      .filter((m) => m && m[2].includes(ua))
      .map((m) => this.relays.findIndex((r) => r.port === Number(m[1])));
  }
}

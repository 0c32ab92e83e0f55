// The relay behind Debian's nginx, configured by deploy/nginx/web-dev-sync.conf as docs/DEPLOY.md
// installs it: nginx ends TLS with a certificate from a CA the test makes, and forwards to relay
// nodes on loopback. Through it: status, health and static files, the WebSocket and gRPC-Web; the
// real agent over wss:// (trusting the CA through SSL_CERT_FILE) and real Chromium over https://
// make an edit's round trip: tab -> nginx -> relay -> agent -> editor -> save -> tab.
// The relays require tokens (SESSION_SECRET), as any relay reachable through a public nginx must.
// Once with one node, once with three nodes sharing a Redis (skipped while the relay has no
// `redis` key).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, newRecordingPage, waitForValue } from '../browser/e2e/support/browser.mjs';
import { save, waitForOpened } from '../browser/e2e/support/editor-control.mjs';
import { ensureBuilt, SERVER_DLL, startAgent, startServer, stopAll, WWWROOT } from '../browser/e2e/support/processes.mjs';
import { get, upgrade } from './nginx/https.mjs';
import { freePort, startNginx } from './nginx/nginx.mjs';
import { Placement } from './nginx/placement.mjs';
import { clusterMissing, startRedis } from './nginx/redis.mjs';
import { makeCertificates } from './nginx/tls.mjs';
import { scratch } from './support.mjs';

ensureBuilt();

describe('behind nginx with TLS: one node', () => behindNginx({ nodes: 1, user: 'nina-nginx' }));

describe('behind nginx with TLS: three nodes on one Redis', { skip: clusterMissing() ?? false },
  () => behindNginx({ nodes: 3, redis: true, user: 'nils-nginx' }));

function behindNginx({ nodes, redis = false, user }) {
  const dir = scratch('nginx');
  let tls;
  let relays;
  let nginx;
  let store;
  let browser;
  let agent;
  let page;
  const sockets = [];
  const grpcCalls = [];
  const secret = randomBytes(32).toString('hex');
  /** With several nodes: where nginx sends what, so the tab's WebSocket lands on another node than the agent's. */
  let placement;
  let agentNode;
  let tabNode;
  /** A token for `user`, minted as the README says (`WebDevSync.Server token`), with the nodes' secret. */
  const token = () => execFileSync('dotnet', [SERVER_DLL, 'token', '--user', user, '--ttl', '1h'], { env: { ...process.env, SESSION_SECRET: secret }, encoding: 'utf8' }).trim();

  before(async () => {
    tls = makeCertificates(dir);
    store = redis ? await startRedis(dir) : null;
    // Behind nginx the page's origin is nginx's https:// one, which the relay does not see as its
    // own (it sees http://): it is listed in cors.origin, as DEPLOY.md says.
    const nginxPort = await freePort();
    const env = { CORS_ORIGINS: `https://127.0.0.1:${nginxPort}`, SESSION_SECRET: secret };
    // Nodes on one machine: each its own silo port for the others (DEPLOY.md, section 8).
    relays = await Promise.all(Array.from({ length: nodes }, async (_, i) =>
      startServer({ name: `node ${i}`, env, args: store ? ['--redis', store.address, '--silo-port', String(await freePort())] : [] })));
    nginx = await startNginx(dir, { port: nginxPort, certFile: tls.certFile, keyFile: tls.keyFile, upstreams: relays.map((r) => `127.0.0.1:${r.port}`) });
    if (nodes > 1) {
      placement = new Placement({ origin: nginx.origin, ca: tls.ca, relays });
      await placement.nodesMet(); // as DEPLOY.md says: traffic once every node counts every node
    }
    // Chromium trusts exactly the server certificate's key, nothing else it cannot verify.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${tls.spki}`] });
  });

  after(async () => {
    await browser?.close();
    await stopAll();
    await nginx?.stop();
    await store?.stop();
  });

  it('serves status, health and the static files over TLS', async () => {
    const health = await get(`${nginx.origin}/web-dev-sync/healthz`, { ca: tls.ca });
    assert.deepEqual([health.status, health.body], [200, 'ok']);
    const status = JSON.parse((await get(`${nginx.origin}/web-dev-sync/status`, { ca: tls.ca })).body);
    assert.equal(status.active, true);
    const library = await get(`${nginx.origin}/web-dev-sync/lib/web-dev-sync.js`, { ca: tls.ca });
    assert.equal(library.status, 200);
    assert.equal(library.body, readFileSync(join(WWWROOT, 'lib/web-dev-sync.js'), 'utf8'));
    const demo = await get(`${nginx.origin}/web-dev-sync/`, { ca: tls.ca });
    assert.match(demo.body, /Edit in my editor/);
  });

  it('presents the certificate the test CA signed: a client without the CA is refused', async () => {
    await assert.rejects(get(`${nginx.origin}/web-dev-sync/healthz`), (e) => e.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('keeps the debug view and the metrics off the public side', async () => {
    for (const path of ['debug', 'metrics'])
      assert.equal((await get(`${nginx.origin}/web-dev-sync/${path}`, { ca: tls.ca })).status, 404, path);
  });

  it('passes the WebSocket upgrade and its token check through: no token is 401, a token is 101', async () => {
    const url = `${nginx.origin}/web-dev-sync/ws`;
    assert.equal(await upgrade(url, { ca: tls.ca }), 401);
    assert.equal(await upgrade(url, { ca: tls.ca, headers: { authorization: `Bearer ${token()}`, 'user-agent': 'upgrade-probe' } }), 101);
  });

  it('an agent that does not trust the CA is refused at the TLS handshake and says why', async () => {
    const stranger = await startAgent({
      wsUrl: `wss://127.0.0.1:${nginx.port}/web-dev-sync/ws`, user: `${user}-stranger`, waitConnected: false,
      args: ['--state-dir', join(dir, 'stranger-state')], // the system's CA store only; TLS fails before any token matters
    });
    const [line] = await stranger.waitForLine(/^disconnected .*/);
    assert.match(line, /^disconnected TLS: The remote certificate is invalid/);
    assert.ok(!stranger.lines.some((l) => /^connected\b/.test(l)), stranger.lines.join('\n'));
    await stranger.stop();
  });

  it('the real agent connects over wss:// through nginx, trusting the CA given in SSL_CERT_FILE', async () => {
    agent = await startAgent({
      wsUrl: `wss://127.0.0.1:${nginx.port}/web-dev-sync/ws`, user,
      args: ['--state-dir', join(dir, 'agent-state'), '--token', token()], env: { SSL_CERT_FILE: tls.caFile },
    });
    assert.ok(agent.lines.some((l) => l.includes(`wss://127.0.0.1:${nginx.port}/web-dev-sync/ws`)), agent.lines.join('\n'));
    if (placement) agentNode = await placement.previous();
  });

  it('Chromium over https://: an edit makes the round trip over the WebSocket through nginx', async () => {
    page = await newRecordingPage(browser);
    page.on('websocket', (socket) => sockets.push(socket.url()));
    ({ node: tabNode } = await roundTrip(page, `${nginx.origin}/web-dev-sync/`, 1, '// saved behind nginx\n', { steer: true }));
    assert.deepEqual(sockets, [`wss://127.0.0.1:${nginx.port}/web-dev-sync/ws`]);
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  it('Chromium over https://: an edit makes the round trip over gRPC-Web through nginx', async () => {
    page = await newRecordingPage(browser);
    page.on('websocket', (socket) => sockets.push(socket.url()));
    page.on('request', (request) => {
      if (request.url().includes('/webdevsync.v1.WebDevSync/')) grpcCalls.push(new URL(request.url()).pathname);
    });
    await roundTrip(page, `${nginx.origin}/web-dev-sync/?transport=grpc-web`, 2, '// saved over gRPC-Web behind nginx\n');
    assert.equal(sockets.length, 1, 'no WebSocket this time');
    assert.ok(grpcCalls.includes('/webdevsync.v1.WebDevSync/Subscribe') && grpcCalls.includes('/webdevsync.v1.WebDevSync/Send'), grpcCalls.join(' '));
    assert.deepEqual(page.problems, []);
    await page.close();
  });

  if (nodes > 1) {
    it('every node sees the cluster of three', async () => {
      const statuses = await Promise.all(relays.map(async (r) => (await fetch(`${r.baseUrl}status`)).json()));
      for (const s of statuses) assert.equal(s.cluster.nodes, 3, JSON.stringify(s.cluster));
    });

    it('the node under the tab killed with SIGKILL: the tab comes back through nginx on another node and gets the save made meanwhile', async () => {
      const p = await newRecordingPage(browser);
      const { file, node } = await roundTrip(p, `${nginx.origin}/web-dev-sync/`, 3, '// before the kill\n', { steer: true });
      relays[node].child.kill('SIGKILL');
      await relays[node].exited;
      save(agent.controlDir, file, 2, '// saved while the tab was away\n');
      await waitForValue(p, 'code-js', '// saved while the tab was away\n', 60000);
      await p.close();
    });

    it('the first tab\'s WebSocket and the agent\'s went to different nodes (nginx\'s access log)', async () => {
      await agent.stop(); // its WebSocket's line is logged when it closes
      const log = join(dir, 'logs/access.log');
      assert.equal(placement.webSocketsOf(log, 'Chrome')[0], tabNode, 'the first tab (gRPC-Web used no WebSocket)');
      assert.deepEqual(placement.webSocketsOf(log, '-').slice(-1), [agentNode], 'the agent');
      assert.notEqual(tabNode, agentNode);
    });
  }

  /**
   * Opens the demo page at `url` as the user, opens code-js in the editor (its `nth` start), saves
   * `content`. `steer`: with several nodes, the tab's WebSocket is sent to a node the agent is not on.
   * Returns the editor's file and the node the tab was sent to.
   */
  async function roundTrip(p, url, nth, content, { steer = false } = {}) {
    await p.goto(url, { waitUntil: 'networkidle' });
    await p.fill('#user-id', user);
    await p.click('.advanced summary'); // the token field is under "Advanced"
    await p.fill('#token', token());
    const node = steer && placement ? await placement.nextAvoiding(agentNode) : undefined;
    await p.click('#connect-btn');
    await p.waitForSelector('#connection-state[data-state="connected"]');
    await p.waitForSelector('#agent-state[data-connected="true"]');
    await p.click('[data-textarea-id="code-js"]');
    const files = await waitForOpened(agent.controlDir, nth);
    save(agent.controlDir, files[nth - 1], 1, content);
    await waitForValue(p, 'code-js', content);
    return { file: files[nth - 1], node };
  }
}

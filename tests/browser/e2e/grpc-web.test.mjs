// The gRPC-Web transport end to end: a page in real Chromium on the real relay's
// origin with `transport: 'grpc-web'` (Subscribe + Send over fetch, no WebSocket),
// the real headless agent with a scripted editor: a click opens the snippet in
// the editor, each save comes back into the textarea, and a relay restart is
// survived like over WebSocket.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { inputValues, launchChromium, newRecordingPage, waitForValue } from './support/browser.mjs';
import { save, waitForOpened } from './support/editor-control.mjs';
import { ensureBuilt, startAgent, startServer, stopAll } from './support/processes.mjs';

const USER = 'grace-grpc-web';
const FIXTURE = readFileSync(new URL('./fixtures/grpc-web.html', import.meta.url), 'utf8');
/** Waits for the fixture's #state element to carry `attributes` (it has no text, so it is never "visible"). */
const waitForState = (page, attributes) => page.waitForSelector(`#state${attributes}`, { state: 'attached' });

describe('round trip over the gRPC-Web transport', () => {
  let server;
  let browser;
  let page;
  let agent;
  const webSockets = [];
  const grpcCalls = [];
  const clientLoads = [];

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    page = await newRecordingPage(browser);
    // The fixture is served on the relay's own origin (as a site embedding the library would be),
    // so the library and the gRPC-Web calls go to the real server.
    await page.route(`${server.baseUrl}grpc-web-fixture.html*`, (route) => route.fulfill({ contentType: 'text/html', body: FIXTURE }));
    page.on('websocket', (socket) => webSockets.push(socket.url()));
    page.on('request', (request) => {
      if (request.url().includes('/webdevsync.v1.WebDevSync/')) grpcCalls.push({ url: request.url(), contentType: request.headers()['content-type'] });
      if (request.url().includes('/grpc-web-client')) clientLoads.push(request.url());
    });
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  it('connects over gRPC-Web: the relay acknowledges the Subscribe call', async () => {
    await page.goto(`${server.baseUrl}grpc-web-fixture.html?user=${USER}`);
    await waitForState(page, '[data-state="connected"]');
    assert.equal(await page.$eval('#state', (s) => s.dataset.desktop), 'false');
    assert.equal(await page.$eval('#edit-1', (b) => b.disabled), true, 'no agent yet: the button is disabled');
    const origin = new URL(server.baseUrl).origin;
    assert.equal(grpcCalls[0].url, `${origin}/webdevsync.v1.WebDevSync/Subscribe`);
    assert.match(grpcCalls[0].contentType, /^application\/grpc-web/);
    assert.deepEqual(clientLoads, [`${server.baseUrl}lib/grpc-web-client.js`], 'the ES module loaded the gRPC-Web client on demand, once');
  });

  it('learns over the stream that the agent connected', async () => {
    agent = await startAgent({ wsUrl: server.wsUrl, user: USER });
    await waitForState(page, '[data-desktop="true"]');
    await page.waitForFunction(() => !document.getElementById('edit-1').disabled);
  });

  let file;

  it('opens the snippet in the editor and brings the save back into the textarea', async () => {
    await page.click('#edit-1');
    [file] = await waitForOpened(agent.controlDir);
    const [, sessionId] = await agent.waitForLine(/^session_opened (\S+) (.+)$/);
    assert.ok(file.endsWith('.js'), `the temp file has the snippet's type: ${file}`);
    assert.equal(readFileSync(file, 'utf8'), 'let answer = 41;', 'the editor got the textarea content');

    const first = 'let answer = 42;\n';
    save(agent.controlDir, file, 1, first);
    await waitForValue(page, 'code-1', first);
    await agent.waitForLine(new RegExp(`^update_sent ${sessionId}`));
    assert.deepEqual(await inputValues(page, 'code-1'), [first], 'one input event for the save');

    const sends = grpcCalls.filter((c) => c.url.endsWith('/webdevsync.v1.WebDevSync/Send'));
    assert.ok(sends.length >= 2, `the edit request and its ping went through Send (${sends.length} calls)`);
  });

  it('reconnects by itself after a relay restart and gets the save made while the relay was down', async () => {
    const connectionId = await page.evaluate(() => window.sync.connectionId);
    const subscribes = grpcCalls.filter((c) => c.url.endsWith('/Subscribe')).length;
    const { port } = server;
    await server.stop();
    await waitForState(page, '[data-state="reconnecting"]');

    const second = '// ünïcödé ✓ saved while the relay was down\nlet answer = 43;\n';
    save(agent.controlDir, file, 2, second);
    server = await startServer({ port });

    await waitForState(page, '[data-state="connected"]');
    await waitForValue(page, 'code-1', second, 60000);
    assert.equal(await page.evaluate(() => window.sync.connectionId), connectionId, 'the same client identity resumed');
    assert.ok(grpcCalls.filter((c) => c.url.endsWith('/Subscribe')).length > subscribes, 'a new Subscribe call');
    assert.deepEqual((await inputValues(page, 'code-1')).at(-1), second);
    await waitForState(page, '[data-desktop="true"]');
  });

  it('used no WebSocket at all and threw no page errors', async () => {
    assert.deepEqual(webSockets, []);
    // Chromium logs the failed fetches of reconnect attempts to the console; only uncaught errors count.
    assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')), []);
  });

  it('the classic-script build loads the same client next to itself', async () => {
    const classic = await newRecordingPage(browser);
    const html = '<!doctype html><title>classic</title><script src="/web-dev-sync/lib/web-dev-sync.iife.min.js"></script>';
    await classic.route(`${server.baseUrl}classic-fixture.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    const requests = [];
    classic.on('request', (request) => requests.push(request.url()));
    await classic.goto(`${server.baseUrl}classic-fixture.html`);
    const desktop = await classic.evaluate(async (user) => {
      const sync = new WebDevSync(user, false, { transport: 'grpc-web' });
      const desktopKnown = new Promise((resolve) => sync.onDesktopStatus(resolve));
      await sync.connect();
      const connected = await desktopKnown;
      sync.disconnect();
      return connected;
    }, USER);
    assert.equal(desktop, true, 'the agent is connected');
    assert.ok(requests.some((u) => u.endsWith('/webdevsync.v1.WebDevSync/Subscribe')));
    assert.deepEqual(requests.filter((u) => u.includes('grpc-web-client')), [`${server.baseUrl}lib/grpc-web-client.js`]);
    assert.deepEqual(classic.problems, []);
    await classic.context().close();
  });

  it('works in Node too (global fetch), from the library source', async () => {
    const { WebDevSync } = await import('../../../transport/WebDevSync.Browser/src/index.js');
    const sync = new WebDevSync(USER, false, { transport: 'grpc-web', url: server.wsUrl });
    const desktopKnown = new Promise((resolve) => sync.onDesktopStatus(resolve));
    await sync.connect();
    assert.equal(await desktopKnown, true);
    const { sessionId } = await sync.editCodeSnippet('node-1', 'from node', 'txt');
    await agent.waitForLine(new RegExp(`^session_opened ${sessionId} `));
    sync.disconnect();
  });

  it('sees the agent leave over the stream', async () => {
    await agent.stop();
    await waitForState(page, '[data-desktop="false"]');
    await page.waitForFunction(() => document.getElementById('edit-1').disabled);
    await page.evaluate(() => window.sync.disconnect());
  });
});

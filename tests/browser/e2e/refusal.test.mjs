// Refusals reach the page with the relay's reason, in real Chromium against the
// real relay: a relay with a secret and a page without a token (the demo page),
// and a page on an origin the relay does not allow (over WebSocket and gRPC-Web).
// The browser itself shows such a refusal only as close code 1006 or a failed
// fetch; the library asks the relay why (the refusal probe) and does not retry.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage } from './support/browser.mjs';
import { ensureBuilt, startServer, stopAll } from './support/processes.mjs';
import { startStaticRelay } from './support/static-relay.mjs';

const SECRET = 'e2e-only-secret-0123456789abcdef0123456789';

describe('refusals reach the page with their reason', () => {
  let browser;
  let secured;
  let open;
  let elsewhere;

  before(async () => {
    ensureBuilt({ agent: false });
    [secured, open, elsewhere, browser] = await Promise.all([
      startServer({ env: { SESSION_SECRET: SECRET }, name: 'secured' }),
      startServer({ name: 'open' }),
      startStaticRelay(), // only its pages: another origin on loopback
      launchChromium(),
    ]);
  });

  after(async () => {
    await browser?.close();
    await elsewhere?.close();
    await stopAll();
  });

  it('the demo page without a token on a relay with a secret shows "missing token" and what to do, and does not retry', async () => {
    const page = await newRecordingPage(browser);
    const upgrades = [];
    page.on('websocket', (socket) => upgrades.push(socket.url()));
    await page.goto(secured.baseUrl);
    // Not on the agent's default port: the demo's agent command names this relay.
    assert.equal(await page.$eval('#agent-command', (c) => c.textContent), `scripts/agent --user alice --url ${secured.wsUrl}`);
    await page.fill('#user-id', 'alice');
    await page.click('#connect-btn');
    await page.waitForSelector('#connection-state[data-state="error"]');
    const log = await page.$eval('#event-log', (l) => l.textContent);
    assert.match(log, /The relay refused the connection: missing token \(HTTP 401\)\. This relay needs a token/);
    assert.match(await page.$eval('#readiness', (r) => r.textContent), /missing token/);
    await secured.waitForLine(/Handshake refused from 127\.0\.0\.1 \(origin http:\/\/127\.0\.0\.1:\d+\): 401 missing token/);
    const attempts = upgrades.length;
    await page.waitForTimeout(2500); // longer than the first reconnect delay: a retry would show
    assert.equal(upgrades.length, attempts, 'no retry after a refusal');
    await page.close();
  });

  for (const transport of ['websocket', 'grpc-web']) {
    it(`a page on an origin the relay does not allow is told "origin not allowed" (${transport})`, async () => {
      const page = await newRecordingPage(browser);
      const foreign = new URL(elsewhere.baseUrl).origin;
      await page.goto(`${foreign}/fixtures/foreign.html`);
      const outcome = await page.evaluate(async ([url, kind]) => {
        const sync = new window.WebDevSync('alice', false, { url, transport: kind });
        const states = [];
        sync.statusChange((_, state, error) => states.push([state, error?.code ?? null]));
        try {
          await sync.connect();
          return { connected: true };
        } catch (error) {
          return { code: error.code, status: error.status, reason: error.reason, message: error.message, states };
        }
      }, [open.wsUrl, transport]);
      assert.equal(outcome.code, 'REFUSED', JSON.stringify(outcome));
      assert.equal(outcome.status, 403);
      assert.equal(outcome.reason, 'origin not allowed');
      assert.match(outcome.message, new RegExp(`Add ${foreign.replace(/[.]/g, '\\.')} to the relay's cors\\.origin`));
      assert.deepEqual(outcome.states, [['connecting', null], ['error', 'REFUSED']]);
      await page.close();
    });
  }
});

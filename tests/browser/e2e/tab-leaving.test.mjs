// End to end: a page that closes says so (browser_leaving) over either transport, so
// the agent hears `session_closed … browser_gone` within the relay's leaveGracePeriod,
// not after the (here 5-minute) grace period. Over gRPC-Web the goodbye is a unary Send
// on a keepalive fetch, which outlives the page. Real Chromium, relay and agent (with a
// scripted editor).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage } from './support/browser.mjs';
import { ensureBuilt, startAgent, startServer, stopAll } from './support/processes.mjs';

const GRACE_MS = 300000;

describe('a closed page says it is leaving', () => {
  let server;
  let browser;

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer({ args: ['--grace-period', String(GRACE_MS)] }), launchChromium()]);
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  for (const transport of ['websocket', 'grpc-web']) {
    it(`over ${transport}: the agent hears browser_gone within the leave grace period`, async () => {
      const user = `lea-${transport}`;
      const agent = await startAgent({ wsUrl: server.wsUrl, user });
      const page = await newRecordingPage(browser);
      await page.goto(`${server.baseUrl}?user=${user}&connect=1&transport=${transport}`);
      await page.waitForSelector('#agent-state[data-connected="true"]');
      await page.click('[data-textarea-id="code-md"]');
      const [, sessionId] = await agent.waitForLine(/^session_opened (\S+) /);

      const closedAt = Date.now();
      await page.close({ runBeforeUnload: false });
      await agent.waitForLine(new RegExp(`^session_closed ${sessionId} browser_gone`), { timeout: 60000 });
      assert.ok(Date.now() - closedAt < GRACE_MS / 2, 'heard well within the grace period');
      await agent.stop();
    });
  }
});

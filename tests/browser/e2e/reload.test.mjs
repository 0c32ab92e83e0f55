// End to end: a page reload is not a goodbye. The demo page in Chromium, the real
// relay and the real agent with a scripted editor: after a reload the tab is the
// same client (sessionStorage), gets the editor's newest text back, receives the
// editor's next save, and Edit on the same snippet reuses the open editor window
// instead of opening a second one.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage, openDemo, waitForValue } from './support/browser.mjs';
import { openedFiles, save, waitForOpened } from './support/editor-control.mjs';
import { ensureBuilt, startAgent, startServer, stopAll } from './support/processes.mjs';

const USER = 'rita-reload';

describe('page reload', () => {
  let server;
  let browser;

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  it('keeps the session: same client, the newest text comes back, later saves arrive, Edit reuses the editor', async () => {
    const agent = await startAgent({ wsUrl: server.wsUrl, user: USER });
    const page = await newRecordingPage(browser);
    await openDemo(page, server.baseUrl, USER);
    await page.waitForSelector('#agent-state[data-connected="true"]');
    const connectionId = await page.evaluate(() => window.webDevSyncDemo.connectionId);

    await page.click('[data-textarea-id="code-md"]');
    const [file] = await waitForOpened(agent.controlDir);
    const [, sessionId] = await agent.waitForLine(/^session_opened (\S+) /);
    save(agent.controlDir, file, 1, '# saved before the reload\n');
    await waitForValue(page, 'code-md', '# saved before the reload\n');

    await page.reload(); // the demo connects again by itself, as the tab was connected
    await page.waitForSelector('#connection-state[data-state="connected"]');
    assert.equal(await page.evaluate(() => window.webDevSyncDemo.connectionId), connectionId, 'the same client after the reload');
    await waitForValue(page, 'code-md', '# saved before the reload\n'); // resumed: the relay sent the newest text

    save(agent.controlDir, file, 2, '# saved after the reload\n');
    await waitForValue(page, 'code-md', '# saved after the reload\n');

    await page.waitForSelector('#agent-state[data-connected="true"]');
    await page.click('[data-textarea-id="code-md"]');
    await agent.waitForLine(new RegExp(`^session_reopened ${sessionId} `));
    assert.deepEqual(openedFiles(agent.controlDir), [file], 'no second editor window');
    assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')), []);
  });
});

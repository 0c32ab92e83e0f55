// End to end: the relay stops and comes back on the same port. The page
// reconnects on its own (same connectionId) and a save made while the relay
// was down still reaches the textarea.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inputValues, launchChromium, newRecordingPage, openDemo, waitForValue } from './support/browser.mjs';
import { save, waitForOpened } from './support/editor-control.mjs';
import { ensureBuilt, startAgent, startServer, stopAll } from './support/processes.mjs';

const USER = 'dan-e2e';

describe('server restart', () => {
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

  it('the page reconnects by itself and a save made while the server was down arrives', async () => {
    const agent = await startAgent({ wsUrl: server.wsUrl, user: USER });
    const page = await newRecordingPage(browser);
    await openDemo(page, server.baseUrl, USER);
    await page.waitForSelector('#agent-state[data-connected="true"]');
    const connectionId = await page.evaluate(() => window.webDevSyncDemo.connectionId);

    await page.click('[data-textarea-id="code-md"]');
    const [file] = await waitForOpened(agent.controlDir);
    save(agent.controlDir, file, 1, '# before the restart\n');
    await waitForValue(page, 'code-md', '# before the restart\n');

    const { port } = server;
    await server.stop();
    await page.waitForSelector('#connection-state[data-state="reconnecting"]');
    assert.equal(await page.$eval('[data-textarea-id="code-md"]', (b) => b.disabled), true, 'buttons are disabled while reconnecting');

    save(agent.controlDir, file, 2, '# saved while the server was down\n');
    server = await startServer({ port });

    await page.waitForSelector('#connection-state[data-state="connected"]', { timeout: 60000 });
    await waitForValue(page, 'code-md', '# saved while the server was down\n', 60000);
    assert.equal(await page.evaluate(() => window.webDevSyncDemo.connectionId), connectionId, 'the same client identity resumed');
    assert.deepEqual(await inputValues(page, 'code-md'), ['# before the restart\n', '# saved while the server was down\n']);
    await page.waitForSelector('#agent-state[data-connected="true"]', { timeout: 60000 });
    // The page logs connection errors of failed reconnect attempts to the console; only uncaught errors count here.
    assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')), []);
  });
});

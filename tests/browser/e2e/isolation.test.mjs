// End to end: updates reach only the page that asked. Two users never see each
// other's code; two tabs of one user each get only their own session's saves.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inputValues, launchChromium, newRecordingPage, openDemo, waitForValue } from './support/browser.mjs';
import { openedFiles, save, waitForOpened } from './support/editor-control.mjs';
import { ensureBuilt, startAgent, startServer, stopAll } from './support/processes.mjs';

/** Opens the demo page as `user` and waits until its buttons are usable. */
async function readyPage(browser, server, user) {
  const page = await newRecordingPage(browser);
  await openDemo(page, server.baseUrl, user);
  await page.waitForSelector('#agent-state[data-connected="true"]');
  return page;
}

describe('isolation', () => {
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

  it('two users: each page talks only to its own agent and sees only its own saves', async () => {
    const [ann, bob] = await Promise.all([
      startAgent({ wsUrl: server.wsUrl, user: 'ann-e2e' }),
      startAgent({ wsUrl: server.wsUrl, user: 'bob-e2e' }),
    ]);
    const [annPage, bobPage] = await Promise.all([readyPage(browser, server, 'ann-e2e'), readyPage(browser, server, 'bob-e2e')]);
    const bobOriginal = await bobPage.$eval('#code-py', (t) => t.value);

    await annPage.click('[data-textarea-id="code-py"]');
    const [annFile] = await waitForOpened(ann.controlDir);
    save(ann.controlDir, annFile, 1, 'print("ann 1")\n');
    await waitForValue(annPage, 'code-py', 'print("ann 1")\n');

    await bobPage.click('[data-textarea-id="code-py"]');
    const [bobFile] = await waitForOpened(bob.controlDir);
    assert.notEqual(bobFile, annFile);
    save(bob.controlDir, bobFile, 1, 'print("bob 1")\n');
    await waitForValue(bobPage, 'code-py', 'print("bob 1")\n');

    save(ann.controlDir, annFile, 2, 'print("ann 2")\n');
    await waitForValue(annPage, 'code-py', 'print("ann 2")\n');

    // Bob's save 1 and Ann's save 2 both arrived where they belong; nothing crossed over.
    assert.deepEqual(await inputValues(annPage, 'code-py'), ['print("ann 1")\n', 'print("ann 2")\n']);
    assert.deepEqual(await inputValues(bobPage, 'code-py'), ['print("bob 1")\n']);
    assert.notEqual(bobOriginal, 'print("bob 1")\n');
    assert.deepEqual(openedFiles(ann.controlDir), [annFile], "Ann's agent opened only Ann's snippet");
    assert.deepEqual(openedFiles(bob.controlDir), [bobFile], "Bob's agent opened only Bob's snippet");
    assert.deepEqual([...annPage.problems, ...bobPage.problems], []);
  });

  it("two tabs of one user: each tab gets only its own session's saves, even for the same textarea id", async () => {
    const agent = await startAgent({ wsUrl: server.wsUrl, user: 'cat-e2e' });
    const [tab1, tab2] = await Promise.all([readyPage(browser, server, 'cat-e2e'), readyPage(browser, server, 'cat-e2e')]);
    const ids = await Promise.all([tab1, tab2].map((tab) => tab.evaluate(() => window.webDevSyncDemo.connectionId)));
    assert.notEqual(ids[0], ids[1], 'each tab is its own client');

    await tab1.click('[data-textarea-id="code-js"]');
    const [file1] = await waitForOpened(agent.controlDir, 1);
    await tab2.fill('#code-js', '// tab 2 before editing\n');
    await tab2.click('[data-textarea-id="code-js"]');
    const [, file2] = await waitForOpened(agent.controlDir, 2);
    assert.notEqual(file1, file2);

    save(agent.controlDir, file2, 1, '// tab 2, save 1\n');
    await waitForValue(tab2, 'code-js', '// tab 2, save 1\n');
    save(agent.controlDir, file1, 1, '// tab 1, save 1\n');
    await waitForValue(tab1, 'code-js', '// tab 1, save 1\n');
    save(agent.controlDir, file1, 2, '// tab 1, save 2\n');
    await waitForValue(tab1, 'code-js', '// tab 1, save 2\n');
    save(agent.controlDir, file2, 2, '// tab 2, save 2\n');
    await waitForValue(tab2, 'code-js', '// tab 2, save 2\n');

    assert.deepEqual(await inputValues(tab1, 'code-js'), ['// tab 1, save 1\n', '// tab 1, save 2\n']);
    assert.deepEqual(await inputValues(tab2, 'code-js'), ['// tab 2, save 1\n', '// tab 2, save 2\n']);
    assert.deepEqual([...tab1.problems, ...tab2.problems], []);
  });
});

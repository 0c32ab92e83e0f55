// End to end in real Chromium with the real relay server and the real agent
// (headless, with a scripted editor): the demo page's buttons follow agent
// presence, a click opens the snippet in the "editor", and each save comes
// back into the textarea with an input event.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inputValues, launchChromium, newRecordingPage, openDemo, waitForValue } from './support/browser.mjs';
import { save, waitForOpened } from './support/editor-control.mjs';
import { ensureBuilt, REPO, startAgent, startServer, stopAll } from './support/processes.mjs';

const USER = 'alice-e2e';
const BUTTONS = '.external-editor-btn';
const allButtons = (page) => page.$$eval(BUTTONS, (buttons) => buttons.map((b) => b.disabled));

describe('demo page round trip', () => {
  let server;
  let browser;
  let page;
  let agent;

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    page = await newRecordingPage(browser);
  });

  after(async () => {
    await browser?.close();
    await stopAll();
  });

  it('serves the demo page at /web-dev-sync/ with its buttons disabled while no agent is connected', async () => {
    await openDemo(page, server.baseUrl, USER);
    await page.waitForSelector('#agent-state[data-connected="false"]');
    assert.deepEqual(await allButtons(page), [true, true, true, true, true, true], 'four textareas, CodeMirror 6 and Monaco');
  });

  it('enables the buttons when the agent connects', async () => {
    agent = await startAgent({ wsUrl: server.wsUrl, user: USER });
    await page.waitForSelector('#agent-state[data-connected="true"]');
    await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((b) => !b.disabled), BUTTONS);
  });

  it('opens the snippet in the editor and brings each of its two saves back with an input event', async () => {
    const original = await page.$eval('#code-js', (t) => t.value);
    await page.click('[data-textarea-id="code-js"]');
    const [file] = await waitForOpened(agent.controlDir);
    const [, sessionId, path] = await agent.waitForLine(/^session_opened (\S+) (.+?)(?: from \S+)?$/);
    assert.equal(path, file);
    assert.ok(file.endsWith('.js'), `the temp file has the snippet's type: ${file}`);
    assert.equal(readFileSync(file, 'utf8'), original, 'the editor got the textarea content');

    const first = '// first save\nconsole.log("one");\n';
    save(agent.controlDir, file, 1, first);
    await waitForValue(page, 'code-js', first);
    await agent.waitForLine(new RegExp(`^update_sent ${sessionId}`));

    const second = '// second save ✓ — ünïcödé\nconsole.log("two");\n';
    save(agent.controlDir, file, 2, second);
    await waitForValue(page, 'code-js', second);

    assert.deepEqual(await inputValues(page, 'code-js'), [first, second], 'one input event per save, in order');
    assert.ok(await page.evaluate(() => window.__inputEvents.every((e) => e.bubbles)), 'input events bubble');
    assert.match(await page.$eval('[data-editor="code-js"] .editor-status', (s) => s.textContent), /Updated/);
    assert.equal(await page.$eval('#code-css', (t) => t.value).then((v) => v.includes('second save')), false);

    mkdirSync(join(REPO, 'artifacts'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'artifacts', 'demo-page.png') });
  });

  it('disables the buttons again when the agent leaves', async () => {
    await agent.stop();
    await page.waitForSelector('#agent-state[data-connected="false"]');
    await page.waitForFunction((selector) => [...document.querySelectorAll(selector)].every((b) => b.disabled), BUTTONS);
    assert.deepEqual(page.problems, []);
  });
});

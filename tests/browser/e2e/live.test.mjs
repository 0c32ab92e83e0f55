// Live editing and the page's context through the real relay: the demo page in
// real Chromium (its textareas, its CodeMirror 6 and Monaco snippets) and a
// WebSocket client in the agent's place, which sees exactly what the relay
// routes to an agent. Typing in the page reaches the agent without a save; the
// agent's live changes reach the page's editors; nothing comes back as an echo.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage, openDemo, waitForValue } from './support/browser.mjs';
import { fakeDesktop } from './support/desktop-client.mjs';
import { ensureBuilt, startServer, stopAll } from './support/processes.mjs';
import { DEFAULT_DEBOUNCE_MS } from '../../../transport/WebDevSync.Browser/src/attach.js';

const USER = 'live-e2e';

describe('live editing through the real relay', () => {
  let server;
  let browser;
  let page;
  let desktop;

  before(async () => {
    ensureBuilt({ agent: false });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    desktop = await fakeDesktop(server.wsUrl, USER);
    page = await newRecordingPage(browser);
    await openDemo(page, server.baseUrl, USER);
    await page.waitForSelector('#agent-state[data-connected="true"]');
    await page.evaluate(async () => { window.views = (await window.webDevSyncDemoEditors).views; });
  });

  after(async () => {
    desktop?.close();
    await browser?.close();
    await stopAll();
  });

  /**
   * Opens the snippet `id` from the demo page; resolves with the agent's edit_request. attach ignores
   * a button's clicks for its debounce after the request was answered (DEFAULT_DEBOUNCE_MS), so a
   * second open of the same snippet waits that out: a fast run clicked again within it, and nothing was sent.
   */
  const lastClick = new Map();
  async function open(id) {
    await page.waitForSelector(`[data-textarea-id="${id}"]:not([disabled])`);
    const wait = (lastClick.get(id) ?? -Infinity) + DEFAULT_DEBOUNCE_MS + 200 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    await page.click(`[data-textarea-id="${id}"]`);
    try {
      const request = await desktop.next('edit_request', (m) => m.payload.textareaId === id);
      lastClick.set(id, Date.now()); // the debounce runs from the relay's answer, which follows this closely
      return request;
    } catch (error) {
      // Seen twice in full scripts/test runs and never alone: say what the page and the relay knew.
      const debug = await fetch(`${server.baseUrl}debug`).then((r) => r.text()).catch((e) => String(e));
      const status = await page.evaluate(() => document.body.innerText.slice(0, 2000));
      throw new Error(`${error.message}\npage problems: ${JSON.stringify(page.problems)}\npage text: ${status}\nrelay debug: ${debug.slice(0, 4000)}`);
    }
  }

  it('the agent gets the page\'s url, title and the cursor of the textarea', async () => {
    await page.evaluate(() => {
      const textarea = document.getElementById('code-js');
      textarea.focus();
      textarea.setSelectionRange(3, 11);
    });
    const request = await open('code-js');
    assert.equal(request.payload.url, page.url());
    assert.equal(request.payload.title, await page.title());
    assert.deepEqual(request.payload.selection, { start: 3, end: 11 });
    assert.equal(request.payload.code, await page.$eval('#code-js', (t) => t.value));
    assert.equal(request.payload.fileType, 'js');
  });

  it('typing in the textarea reaches the agent as code_update, without a save and without coming back', async () => {
    const before = await page.$eval('#code-js', (t) => t.value);
    await page.focus('#code-js');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('// typed live');
    const change = await desktop.next('code_update', (m) => m.payload.textareaId === 'code-js' && m.payload.code === `${before}// typed live`);
    assert.ok(Number.isSafeInteger(change.payload.seq) && change.payload.seq > 0, `the relay gave it a seq: ${JSON.stringify(change.payload)}`);
    await page.waitForTimeout(300); // six debounce periods: time for an echo to arrive, if the relay sent one
    assert.ok(!desktop.received.some((m) => m.type === 'code_update' && !`${before}// typed live`.startsWith(m.payload.code)), 'earlier sends were prefixes of the typing');
    assert.equal(await page.$eval('#code-js', (t) => t.value), `${before}// typed live`, 'the page was not overwritten by an echo');
  });

  it('the agent\'s live change lands in the textarea, and the next page change is based on it', async () => {
    const textarea = await page.$eval('#code-js', (t) => t.value);
    const opened = await open('code-js'); // editing again reuses the session and tells the agent the current text
    assert.equal(opened.payload.code, textarea);
    desktop.liveUpdate(opened.sessionId, 'code-js', `${textarea}\n// from the editor`, opened.payload.seq);
    const ack = await desktop.next('code_ack', (m) => m.sessionId === opened.sessionId);
    await waitForValue(page, 'code-js', `${textarea}\n// from the editor`);
    await page.focus('#code-js');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('!');
    const change = await desktop.next('code_update', (m) => m.sessionId === opened.sessionId && m.payload.code.endsWith('editor!'));
    assert.ok(change.payload.seq > ack.payload.seq, 'seq grows over both directions');
  });

  it('the CodeMirror 6 snippet round-trips: type detected, agent change applied through its view, typing sent', async () => {
    const request = await open('code-cm6');
    assert.equal(request.payload.fileType, 'js');
    assert.match(request.payload.code, /function sum/);
    const text = `${request.payload.code}// agent was here\n`;
    desktop.liveUpdate(request.sessionId, 'code-cm6', text, request.payload.seq);
    await desktop.next('code_ack', (m) => m.sessionId === request.sessionId);
    await page.waitForFunction((t) => window.views.codemirror6.state.doc.toString() === t, text);
    await page.click('#code-cm6 .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('let more = 4;');
    // Under load a burst may go out in parts (each after 50 ms of quiet); the last one has it all.
    const change = await desktop.next('code_update', (m) => m.sessionId === request.sessionId && m.payload.code.endsWith(';'));
    assert.equal(change.payload.code, `${text}let more = 4;`);
  });

  it('the Monaco snippet round-trips: language id detected, agent change applied through its model, typing sent', async () => {
    const request = await open('code-monaco');
    assert.equal(request.payload.fileType, 'ts');
    assert.match(request.payload.code, /interface Person/);
    const text = request.payload.code.replace('A typed greeting.', 'A typed greeting, edited in the editor.');
    desktop.liveUpdate(request.sessionId, 'code-monaco', text, request.payload.seq);
    await desktop.next('code_ack', (m) => m.sessionId === request.sessionId);
    await page.waitForFunction((t) => window.views.monaco.getValue() === t, text);
    await page.evaluate(() => {
      const { views } = window;
      const model = views.monaco.getModel();
      views.monaco.focus();
      views.monaco.setPosition(model.getPositionAt(model.getValueLength()));
    });
    await page.keyboard.type('greet');
    const change = await desktop.next('code_update', (m) => m.sessionId === request.sessionId && m.payload.code.endsWith('greet'));
    assert.equal(change.payload.code, `${text}greet`);
    assert.deepEqual(page.problems, []);
  });

  for (const transport of ['websocket', 'grpc-web']) {
    it(`the library's own wire over ${transport} (in Node): context, live change, ack, the agent's change, both at once converge`, async () => {
      const { WebDevSync } = await import('../../../transport/WebDevSync.Browser/src/index.js');
      const { default: WebSocket } = await import('ws');
      const sync = new WebDevSync(USER, false, { transport, url: server.wsUrl, WebSocket });
      const updates = [];
      sync.onCodeUpdate((id, code, info) => updates.push({ id, code, ...info }));
      await sync.connect();
      const id = `node-${transport}`;
      const context = { url: 'https://app.example/snippets/4?tab=2', title: 'Snippet 4 · Example', selection: { start: 2, end: 5 } };
      const { sessionId } = await sync.editCodeSnippet(id, 'hello world', 'txt', context);
      const request = await desktop.next('edit_request', (m) => m.sessionId === sessionId);
      assert.deepEqual([request.payload.url, request.payload.title, request.payload.selection], [context.url, context.title, context.selection]);

      assert.equal(sync.updateCode(id, 'hello live'), true);
      const first = await desktop.next('code_update', (m) => m.sessionId === sessionId);
      assert.equal(first.payload.code, 'hello live');

      desktop.liveUpdate(sessionId, id, 'hello from the editor', first.payload.seq);
      await desktop.next('code_ack', (m) => m.sessionId === sessionId);
      const deadline = Date.now() + 10000;
      while (updates.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(updates.map((u) => [u.code, u.overtaken]), [['hello from the editor', false]]);

      // Both change at once: the page's change is sent with no chance to see the agent's (no await between),
      // so one of the two is overtaken, whichever the relay gets second; both ends must end on the same text.
      let pageText = 'hello from the editor';
      sync.onCodeUpdate((_, code) => { pageText = code; });
      desktop.liveUpdate(sessionId, id, 'editor again', updates[0].seq);
      sync.updateCode(id, 'page at once');
      pageText = 'page at once';
      const answer = await desktop.next(['code_ack', 'code_overtaken'], (m) => m.sessionId === sessionId);
      const agentText = answer.type === 'code_ack' ? 'editor again' : answer.payload.code;
      while (pageText !== agentText && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(pageText, agentText, `both ends converge (the agent's change was ${answer.type === 'code_ack' ? 'accepted' : 'overtaken'})`);
      sync.disconnect();
    });

    it(`over ${transport}, the page and a merging agent changing different lines at once both keep their change`, async () => {
      const { WebDevSync } = await import('../../../transport/WebDevSync.Browser/src/index.js');
      const { default: WebSocket } = await import('ws');
      const user = `merge-${transport}`;
      const agent = await fakeDesktop(server.wsUrl, user, { acceptsCodeMerged: true });
      const sync = new WebDevSync(user, false, { transport, url: server.wsUrl, WebSocket });
      const seen = [];
      let pageText = 'one\ntwo\nthree\n';
      sync.onCodeUpdate((_, code, info) => { pageText = code; seen.push(info); });
      await sync.connect();
      const id = `merge-${transport}`;
      const { sessionId } = await sync.editCodeSnippet(id, pageText, 'txt');
      await agent.next('edit_request', (m) => m.sessionId === sessionId);

      // Both based on seq 0, no await between: whichever the relay gets second is merged.
      agent.liveUpdate(sessionId, id, 'ONE\ntwo\nthree\n', 0);
      sync.updateCode(id, 'one\ntwo\nthree\nfour\n');
      pageText = 'one\ntwo\nthree\nfour\n';
      const both = 'ONE\ntwo\nthree\nfour\n';
      const answer = await agent.next(['code_ack', 'code_merged'], (m) => m.sessionId === sessionId);
      const agentHas = answer.type === 'code_merged' ? answer.payload.code : (await agent.next('code_update', (m) => m.sessionId === sessionId && m.payload.seq > answer.payload.seq)).payload.code;
      assert.equal(agentHas, both);
      const deadline = Date.now() + 10000;
      while (pageText !== both && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(pageText, both);
      assert.equal(seen.at(-1).merged, answer.type === 'code_ack', 'the page is told its change was merged exactly when the agent change came first');
      sync.disconnect();
      agent.close();
    });
  }
});

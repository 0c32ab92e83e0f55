// Changes as edits (issue 28) through the real relay: the demo page in real
// Chromium sends what is typed in its textarea as edits with a checksum, the
// relay applies them and forwards them as edits to an agent that accepts them
// (a WebSocket client in the agent's place), and the agent's edits land in the
// textarea with the cursor where the user left it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage, openDemo, waitForValue } from './support/browser.mjs';
import { fakeDesktop } from './support/desktop-client.mjs';
import { ensureBuilt, startServer, stopAll } from './support/processes.mjs';
import { applyEdits, textSum } from '../../../transport/WebDevSync.Browser/src/text-edits.js';

const USER = 'edits-e2e';

describe('changes as edits through the real relay', () => {
  let server;
  let browser;
  let page;
  let desktop;

  before(async () => {
    ensureBuilt({ agent: false });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    desktop = await fakeDesktop(server.wsUrl, USER, { acceptsEdits: true });
    page = await newRecordingPage(browser);
    await openDemo(page, server.baseUrl, USER);
    await page.waitForSelector('#agent-state[data-connected="true"]');
  });

  after(async () => {
    desktop?.close();
    await browser?.close();
    await stopAll();
  });

  it('typing goes to the agent as small edits of its text, and the agent\'s edits land in the textarea keeping the cursor', async () => {
    await page.waitForSelector('[data-textarea-id="code-js"]:not([disabled])');
    await page.click('[data-textarea-id="code-js"]');
    const request = await desktop.next('edit_request', (m) => m.payload.textareaId === 'code-js');
    let text = request.payload.code;
    let seq = request.payload.seq;

    await page.focus('#code-js');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('x');
    const typed = await desktop.next('code_update', (m) => m.sessionId === request.sessionId);
    assert.equal(typed.payload.code, undefined, `sent as edits: ${JSON.stringify(typed.payload)}`);
    assert.equal(typed.payload.baseSeq, seq);
    text = applyEdits(text, typed.payload.edits);
    assert.equal(text, `${request.payload.code}x`);
    assert.deepEqual({ length: typed.payload.length, hash: typed.payload.hash }, textSum(text));
    assert.ok(typed.wireBytes <= 200, `a one-char change is ${typed.wireBytes} bytes`);
    seq = typed.payload.seq;

    const fromEditor = `// from the editor\n${text}`;
    const { length, hash } = textSum(fromEditor);
    desktop.send({ type: 'code_update', sessionId: request.sessionId, payload: { textareaId: 'code-js', edits: [[0, 0, '// from the editor\n']], length, hash, baseSeq: seq } });
    const ack = await desktop.next(['code_ack', 'code_overtaken', 'error'], (m) => m.sessionId === request.sessionId);
    assert.equal(ack.type, 'code_ack', JSON.stringify(ack));
    await waitForValue(page, 'code-js', fromEditor);
    const cursor = await page.$eval('#code-js', (t) => [t.selectionStart, t.selectionEnd]);
    assert.deepEqual(cursor, [fromEditor.length, fromEditor.length], 'the cursor stayed after the typed x');
  });
});

// Changes as edits (issue 28) over the gRPC-Web transport: a page in real
// Chromium with `transport: 'grpc-web'` learns from the relay's ConnectionAck
// that it takes edits, sends what is typed as CodeUpdate.edits with the
// result's checksum, and takes an agent's edits (the relay forwards them as
// edits, since the page's connect set accepts_edits) keeping the cursor.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage, waitForValue } from './support/browser.mjs';
import { fakeDesktop } from './support/desktop-client.mjs';
import { ensureBuilt, startServer, stopAll } from './support/processes.mjs';
import { applyEdits, textSum } from '../../../transport/WebDevSync.Browser/src/text-edits.js';

const USER = 'edits-grpc-web-e2e';
const FIXTURE = readFileSync(new URL('./fixtures/grpc-web.html', import.meta.url), 'utf8');

describe('changes as edits over gRPC-Web through the real relay', () => {
  let server;
  let browser;
  let page;
  let desktop;
  const sends = [];

  before(async () => {
    ensureBuilt({ agent: false });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
    desktop = await fakeDesktop(server.wsUrl, USER, { acceptsEdits: true });
    page = await newRecordingPage(browser);
    await page.route(`${server.baseUrl}grpc-web-fixture.html*`, (route) => route.fulfill({ contentType: 'text/html', body: FIXTURE }));
    page.on('request', (request) => {
      if (request.url().endsWith('/webdevsync.v1.WebDevSync/Send')) sends.push(request.postDataBuffer()?.length ?? 0);
    });
    await page.goto(`${server.baseUrl}grpc-web-fixture.html?user=${USER}`);
    await page.waitForSelector('#state[data-state="connected"][data-desktop="true"]', { state: 'attached' });
  });

  after(async () => {
    desktop?.close();
    await browser?.close();
    await stopAll();
  });

  it('typing goes to the agent as small edits, and the agent\'s edits land in the textarea keeping the cursor', async () => {
    await page.waitForSelector('#edit-1:not([disabled])');
    await page.click('#edit-1');
    const request = await desktop.next('edit_request', (m) => m.payload.textareaId === 'code-1');
    let text = request.payload.code;
    const seq = request.payload.seq;

    await page.focus('#code-1');
    await page.keyboard.press('Control+End');
    const before = sends.length;
    await page.keyboard.type('x');
    const typed = await desktop.next('code_update', (m) => m.sessionId === request.sessionId);
    assert.equal(typed.payload.code, undefined, `sent and forwarded as edits: ${JSON.stringify(typed.payload)}`);
    assert.equal(typed.payload.baseSeq, seq);
    text = applyEdits(text, typed.payload.edits);
    assert.equal(text, `${request.payload.code}x`);
    assert.deepEqual({ length: typed.payload.length, hash: typed.payload.hash }, textSum(text));
    const sent = sends.slice(before);
    assert.ok(sent.length >= 1 && sent.every((bytes) => bytes <= 200), `the Send bodies of a one-char change: ${sent}`);

    const fromEditor = `// from the editor\n${text}`;
    const { length, hash } = textSum(fromEditor);
    desktop.send({ type: 'code_update', sessionId: request.sessionId, payload: { textareaId: 'code-1', edits: [[0, 0, '// from the editor\n']], length, hash, baseSeq: typed.payload.seq } });
    const ack = await desktop.next(['code_ack', 'code_overtaken', 'error'], (m) => m.sessionId === request.sessionId);
    assert.equal(ack.type, 'code_ack', JSON.stringify(ack));
    await waitForValue(page, 'code-1', fromEditor);
    const cursor = await page.$eval('#code-1', (t) => [t.selectionStart, t.selectionEnd]);
    assert.deepEqual(cursor, [fromEditor.length, fromEditor.length], 'the cursor stayed after the typed x');
    assert.deepEqual(page.problems, []);
  });
});

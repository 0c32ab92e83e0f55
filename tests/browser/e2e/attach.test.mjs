// The library's browser side in real Chromium against a scripted stand-in relay:
// the served builds, WebDevSync.attach() and the token header. (The real
// server and agent are exercised by the other e2e files.)

import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { inputValues, launchChromium, newRecordingPage } from './support/browser.mjs';
import { buildLibrary } from './support/processes.mjs';
import { acknowledge, nextMessage, startStaticRelay } from './support/static-relay.mjs';

let browser;
let relay;
let page;
let socket;

const disabledStates = () => page.$$eval('.external-editor-btn', (buttons) => Object.fromEntries(buttons.map((b) => [b.id, b.disabled])));

/** Creates an instance in the page, attaches it to #root and connects it. */
async function connectAttached({ desktop = true, autoPong = true } = {}) {
  const socketPromise = relay.nextSocket();
  await page.evaluate(() => {
    window.events = [];
    window.sync = new WebDevSync('alice');
    window.detach = WebDevSync.attach(document.getElementById('root'), window.sync, { debounceMs: 300 });
    for (const name of ['sent', 'error']) {
      document.addEventListener(`webdevsync:${name}`, (e) => window.events.push({ name, textareaId: e.detail.textareaId, ...(e.detail.error ? { code: e.detail.error.code } : {}) }));
    }
    window.connected = window.sync.connect();
  });
  socket = await socketPromise;
  await acknowledge(socket, { desktop, autoPong });
  await page.evaluate(() => window.connected);
}

before(async () => {
  buildLibrary();
  browser = await launchChromium();
  relay = await startStaticRelay();
});

after(async () => {
  await browser?.close();
  await relay?.close();
});

beforeEach(async () => {
  relay.reset();
  page = await newRecordingPage(browser);
  await page.goto(`${relay.baseUrl.replace('/web-dev-sync/', '/fixtures/')}attach.html`);
});

afterEach(async () => {
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

describe('the served library', () => {
  it('the classic script defines window.WebDevSync with the whole API', async () => {
    const api = await page.evaluate(() => {
      const sync = new WebDevSync('u', false);
      return {
        statics: [typeof WebDevSync.attach, typeof WebDevSync.WebDevSyncError, typeof WebDevSync.registerTransport],
        methods: ['connect', 'disconnect', 'isConnected', 'statusChange', 'onCodeUpdate', 'onDesktopStatus', 'onSessionClosed', 'editCodeSnippet'].map((m) => typeof sync[m]),
        connectionId: sync.connectionId,
        state: sync.state,
      };
    });
    assert.deepEqual(api.statics, ['function', 'function', 'function']);
    assert.ok(api.methods.every((t) => t === 'function'));
    assert.match(api.connectionId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(api.state, 'disconnected');
  });

  it('the ES module at /web-dev-sync/web-dev-sync.js exports the class as default and by name', async () => {
    const exported = await page.evaluate(async () => {
      const module = await import('/web-dev-sync/web-dev-sync.js');
      return [typeof module.default, module.default === module.WebDevSync, typeof module.attach, module.default.attach === module.attach];
    });
    assert.deepEqual(exported, ['function', true, 'function', true]);
  });

  it('the minified builds expose the same API', async () => {
    const [classic, module] = await page.evaluate(async () => {
      delete window.WebDevSync;
      const script = document.createElement('script');
      script.src = '/web-dev-sync/lib/web-dev-sync.iife.min.js';
      await new Promise((resolve, reject) => {
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
      const esm = await import('/web-dev-sync/lib/web-dev-sync.min.js');
      return [typeof window.WebDevSync?.attach, typeof new esm.default('u').editCodeSnippet];
    });
    assert.deepEqual([classic, module], ['function', 'function']);
  });

  it('sends the token in Sec-WebSocket-Protocol, never in the URL', async () => {
    const socketPromise = relay.nextSocket();
    await page.evaluate(() => {
      window.tokenSync = new WebDevSync('alice', false, { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln' });
      window.tokenConnected = window.tokenSync.connect();
    });
    const tokenSocket = await socketPromise;
    assert.equal(tokenSocket.request.protocolHeader, 'webdevsync, bearer.eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln');
    assert.equal(tokenSocket.request.url, '/web-dev-sync/ws');
    await acknowledge(tokenSocket);
    await page.evaluate(() => window.tokenConnected);
    assert.equal(await page.evaluate(() => window.tokenSync.state), 'connected');
  });
});

describe('WebDevSync.attach', () => {
  it('enables the buttons under its root only while connected with an agent present', async () => {
    await page.evaluate(() => WebDevSync.attach(document.getElementById('root'), new WebDevSync('x')));
    assert.deepEqual(await disabledStates(), { 'edit-a': true, 'edit-b': true, 'edit-missing': true, outside: false });

    await connectAttached({ desktop: false });
    assert.equal((await disabledStates())['edit-a'], true, 'connected but no agent');

    socket.send(JSON.stringify({ type: 'desktop_status', payload: { connected: true } }));
    await page.waitForFunction(() => !document.getElementById('edit-a').disabled);
    assert.deepEqual(await disabledStates(), { 'edit-a': false, 'edit-b': false, 'edit-missing': false, outside: false });

    await page.evaluate(() => {
      document.getElementById('later').innerHTML = '<button class="external-editor-btn" id="late" data-textarea-id="a">late</button>';
    });
    await page.waitForFunction(() => document.getElementById('late').disabled === false);

    socket.send(JSON.stringify({ type: 'desktop_status', payload: { connected: false } }));
    await page.waitForFunction(() => document.getElementById('edit-a').disabled && document.getElementById('late').disabled);

    socket.send(JSON.stringify({ type: 'desktop_status', payload: { connected: true } }));
    await page.waitForFunction(() => !document.getElementById('edit-a').disabled);
    socket.terminate(); // an unintended drop: reconnecting, so disabled
    await page.waitForFunction(() => document.getElementById('edit-a').disabled);
  });

  it('sends the textarea once however often the button is clicked, with its file type', async () => {
    await connectAttached();
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) document.getElementById('edit-a').click();
    });
    await page.waitForFunction(() => window.events.length === 1);
    const edit = await nextMessage(socket, 'edit_request');
    const context = { url: page.url(), title: 'attach() fixture', selection: { start: 0, end: 0 } }; // a textarea never focused has its caret at 0
    assert.deepEqual(edit.payload, { textareaId: 'a', code: 'alpha', fileType: 'js', ...context });
    assert.deepEqual(await page.evaluate(() => window.events), [{ name: 'sent', textareaId: 'a' }]);

    await page.click('#edit-b');
    const second = await nextMessage(socket, 'edit_request');
    assert.deepEqual(second.payload, { textareaId: 'b', code: 'beta', fileType: 'txt', ...context });
    assert.equal(socket.received.filter((m) => m.type === 'edit_request').length, 2);
    assert.equal(await page.evaluate(() => window.submitted), undefined, 'the surrounding form was not submitted');
  });

  it('writes each update into its textarea and fires a bubbling input event', async () => {
    await connectAttached();
    await page.evaluate(() => {
      window.formSaw = [];
      document.getElementById('root').addEventListener('input', (e) => window.formSaw.push(e.target.id));
    });
    for (const [seq, code] of ['first save', 'second save 🎉'].entries()) {
      socket.send(JSON.stringify({ type: 'code_update', sessionId: 's-a', payload: { textareaId: 'a', code, seq: seq + 1 } }));
    }
    await page.waitForFunction(() => document.getElementById('a').value === 'second save 🎉');
    assert.deepEqual(await inputValues(page, 'a'), ['first save', 'second save 🎉']);
    assert.deepEqual(await page.evaluate(() => window.formSaw), ['a', 'a'], 'the event bubbled to an ancestor');
    assert.equal(await page.$eval('#b', (t) => t.value), 'beta');
  });

  it('reports a refused request as webdevsync:error with the server code', async () => {
    await connectAttached({ autoPong: false });
    await page.click('#edit-a');
    const edit = await nextMessage(socket, 'edit_request');
    await nextMessage(socket, 'ping');
    // In order, as the relay answers: the error for the request, then the pong for the ping after it.
    socket.send(JSON.stringify({ type: 'error', connectionId: edit.connectionId, sessionId: edit.sessionId, payload: { code: 'NO_DESKTOP', message: 'No desktop connection found' } }));
    socket.send('{"type":"pong"}');
    await page.waitForFunction(() => window.events.length === 1);
    assert.deepEqual(await page.evaluate(() => window.events), [{ name: 'error', textareaId: 'a', code: 'NO_DESKTOP' }]);
  });

  it('reports a button whose textarea does not exist, without sending', async () => {
    await connectAttached();
    await page.click('#edit-missing');
    await page.waitForFunction(() => window.events.length === 1);
    assert.equal((await page.evaluate(() => window.events))[0].name, 'error');
    assert.equal(socket.received.filter((m) => m.type === 'edit_request').length, 0);
  });

  it('detach() stops clicks and updates from reaching the page', async () => {
    await connectAttached();
    // desktop_status follows the ack: let it enable the buttons before detaching, or they stay disabled.
    await page.waitForFunction(() => !document.getElementById('edit-a').disabled);
    await page.evaluate(() => window.detach());
    await page.click('#edit-a');
    socket.send(JSON.stringify({ type: 'code_update', sessionId: 's-a', payload: { textareaId: 'a', code: 'after detach' } }));
    // A ping round trip proves the update above was processed before we look.
    await page.evaluate(() => window.sync.editCodeSnippet('b', 'probe'));
    assert.equal(await page.$eval('#a', (t) => t.value), 'alpha');
    assert.deepEqual(socket.received.filter((m) => m.type === 'edit_request').map((m) => m.payload.textareaId), ['b']);
  });
});

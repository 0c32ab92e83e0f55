// Every editor kind in real Chromium with the real npm packages (CodeMirror 5,
// CodeMirror 6 bundled by esbuild, Monaco through its AMD loader, Ace, plus
// textarea, input, contenteditable and a registered adapter), the library
// loaded as a classic script and as an ES module. The wire is checked where the
// agent would see it: a scripted stand-in relay records what the tab sends and
// plays the relay's side (edit_request with url/title/selection, the editor's
// updates coming in, the page's own typing going out as code_update).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { launchChromium, newRecordingPage } from './support/browser.mjs';
import { installDrivers } from './support/editor-drivers.mjs';
import { buildLibrary } from './support/processes.mjs';
import { acknowledge, nextMessage, startStaticRelay } from './support/static-relay.mjs';

const TITLE = 'Editors fixture · WebDevSync';

/** Per kind: the text it starts with, the file type the library should find, the editor's update and whether the editor knows a selection / has undo. */
const KINDS = {
  textarea: { initial: 'const one = 1;\nconsole.log(one);\n', fileType: 'js', update: 'const one = 1;\nconsole.log(one);\n// saved\n', selection: true },
  input: { initial: 'just one line', fileType: 'txt', update: 'just one line, saved', selection: true },
  contenteditable: { initial: 'first line\nsecond line', fileType: 'txt', update: 'first line\nsecond line\nthird line', selection: true,
    shown: { initial: 'first line<br>second line', update: 'first line<br>second line<br>third line', typed: 'first line<br>second line<br>third linezz' } },
  codemirror5: { initial: 'def five():\n    return 5\n', fileType: 'py', update: 'def five():\n    return 5\n# saved\n', selection: true, undo: true },
  codemirror6: { initial: 'const six = 6;\nconsole.log(six);\n', fileType: 'js', update: 'const six = 6;\nconsole.log(six);\n// saved\n', selection: true, undo: true },
  monaco: { initial: 'def monaco():\n    return "m"\n', fileType: 'py', update: 'def monaco():\n    return "m"\n# saved\n', selection: true, undo: true },
  ace: { initial: 'print("ace")\nprint("seven")\n', fileType: 'py', update: 'print("ace")\nprint("seven")\n# saved\n', selection: true, undo: true },
  custom: { initial: 'custom text', fileType: 'lua', update: 'custom text, saved' },
};
const BUTTON = { codemirror5: 'cm5-wrapper', codemirror6: 'cm6-wrapper' };
const textareaIdOf = (kind) => BUTTON[kind] ?? kind;

let browser;
let relay;
let built;

before(async () => {
  buildLibrary();
  built = mkdtempSync(join(tmpdir(), 'wds-editors-'));
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./fixtures/codemirror6-entry.mjs', import.meta.url))],
    bundle: true, format: 'iife', outfile: join(built, 'codemirror6.js'), logLevel: 'warning',
  });
  browser = await launchChromium();
  relay = await startStaticRelay({ mounts: [['/built/', built]] });
});

after(async () => {
  await browser?.close();
  await relay?.close();
  if (built) rmSync(built, { recursive: true, force: true });
});

/** Polls the socket's record until a message matches (the library sends live changes on its own schedule). */
async function received(socket, predicate, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const message = socket.received.find((m) => !m.taken && predicate(m));
    if (message) {
      message.taken = true;
      return message;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${what} within ${timeout} ms; received: ${JSON.stringify(socket.received.map((m) => [m.type, m.payload?.code]))}`);
}

const driver = (page, kind, method, ...args) => page.evaluate(([k, m, a]) => window.drivers[k][m](...a), [kind, method, args]);

for (const lib of ['classic', 'module']) {
  describe(`every editor kind, the library loaded as ${lib === 'classic' ? 'a classic script' : 'an ES module'}`, () => {
    let page;
    let socket;

    before(async () => {
      relay.reset();
      page = await newRecordingPage(browser);
      const url = `${relay.baseUrl.replace('/web-dev-sync/', '/fixtures/')}editors.html${lib === 'module' ? '?lib=module' : ''}`;
      await page.goto(url);
      await page.evaluate(() => Promise.all([window.libraryReady, window.monacoReady]));
      await page.evaluate(installDrivers);
      const socketPromise = relay.nextSocket();
      await page.evaluate(async () => {
        const WebDevSync = await window.libraryReady;
        window.events = [];
        for (const name of ['sent', 'error']) {
          document.addEventListener(`webdevsync:${name}`, (e) => window.events.push({ name, textareaId: e.detail.textareaId, kind: e.detail.kind, code: e.detail.error?.code, message: e.detail.error?.message }));
        }
        WebDevSync.registerEditor(document.getElementById('custom-text'), {
          getText: () => customEditor.text,
          setText: (text) => { customEditor.text = text; customEditor.render(); },
          onChange: (listener) => { customEditor.listeners.add(listener); return () => customEditor.listeners.delete(listener); },
          fileType: 'lua',
        });
        window.sync = new WebDevSync('alice');
        window.detach = WebDevSync.attach(document, window.sync, { debounceMs: 0 });
        window.connected = window.sync.connect();
      });
      socket = await socketPromise;
      await acknowledge(socket);
      await page.evaluate(() => window.connected);
    });

    after(async () => {
      assert.deepEqual(page.problems, []);
      await page.context().close();
    });

    for (const [kind, spec] of Object.entries(KINDS)) {
      it(`${kind}: sends its text, type and the page's context, takes the editor's updates through its API, and sends what the user types`, async () => {
        const id = textareaIdOf(kind);
        const shown = (which) => spec.shown?.[which] ?? spec[which];
        assert.equal(await driver(page, kind, 'text'), shown('initial'));
        if (spec.selection) await driver(page, kind, 'select', 2, 4);

        await page.click(`.external-editor-btn[data-textarea-id="${id}"]`);
        const request = await received(socket, (m) => m.type === 'edit_request' && m.payload.textareaId === id, `edit_request of ${id}`);
        assert.deepEqual(request.payload, {
          textareaId: id, code: spec.initial, fileType: spec.fileType, url: page.url(), title: TITLE,
          ...(spec.selection ? { selection: { start: 2, end: 4 } } : {}),
        });
        await page.waitForFunction((i) => window.events.some((e) => e.name === 'sent' && e.textareaId === i), id);
        assert.equal(await page.evaluate((i) => window.events.find((e) => e.textareaId === i).kind, id), kind);

        // The editor saves: the text arrives through the editor's API, the cursor stays, nothing is echoed.
        const { sessionId } = request;
        const cm5ChangesBefore = await page.evaluate(() => window.cm5Changes);
        socket.send(JSON.stringify({ type: 'code_update', sessionId, payload: { textareaId: id, code: spec.update, seq: 1 } }));
        await page.waitForFunction(([k, expected]) => window.drivers[k].text() === expected, [kind, shown('update')]);
        if (spec.selection) assert.deepEqual(await driver(page, kind, 'selection'), [2, 4], 'the cursor stays where it was');
        if (kind === 'codemirror5') assert.ok(await page.evaluate(() => window.cm5Changes) > cm5ChangesBefore, 'CodeMirror 5 change listeners saw it');
        if (kind === 'textarea') {
          assert.deepEqual(await page.evaluate(() => window.__inputEvents.filter((e) => e.id === 'textarea' && !e.trusted).map((e) => e.value)), [spec.update]);
        }
        await new Promise((resolve) => setTimeout(resolve, 250)); // five live debounce periods
        assert.equal(socket.received.filter((m) => m.type === 'code_update' && m.sessionId === sessionId).length, 0, 'the applied update is not sent back');

        // The user types in the page: the change goes out, based on the update it saw.
        if (kind === 'custom') {
          await page.evaluate(() => customEditor.type('zz'));
        } else {
          await driver(page, kind, 'focusEnd');
          await page.keyboard.type('zz');
        }
        const typed = `${spec.update}zz`;
        const live = await received(socket, (m) => m.type === 'code_update' && m.sessionId === sessionId && m.payload.code === typed, `live code_update of ${id}`);
        assert.deepEqual(live.payload, { textareaId: id, code: typed, baseSeq: 1 });
        assert.equal(live.connectionId, await page.evaluate(() => window.sync.connectionId));
        socket.send(JSON.stringify({ type: 'code_ack', sessionId, payload: { textareaId: id, seq: 2 } }));

        if (spec.undo) {
          // The next update is one step of the editor's own undo history; undoing it is a user change, sent on.
          const third = `${typed}\nthird`;
          socket.send(JSON.stringify({ type: 'code_update', sessionId, payload: { textareaId: id, code: third, seq: 3 } }));
          await page.waitForFunction(([k, expected]) => window.drivers[k].text() === expected, [kind, third]);
          await driver(page, kind, 'undo');
          assert.equal(await driver(page, kind, 'text'), typed, 'one undo takes back exactly the update');
          const undone = await received(socket, (m) => m.type === 'code_update' && m.sessionId === sessionId && m.payload.code === typed, `undo of ${id}`);
          assert.equal(undone.payload.baseSeq, 3);
        }
      });
    }

    it('an element holding no editor gets a webdevsync:error naming it', async () => {
      await page.click('.external-editor-btn[data-textarea-id="plain"]');
      await page.waitForFunction(() => window.events.some((e) => e.textareaId === 'plain'));
      const event = await page.evaluate(() => window.events.find((e) => e.textareaId === 'plain'));
      assert.equal(event.name, 'error');
      assert.equal(event.code, 'NO_EDITOR');
      assert.match(event.message, /#plain \(<div>\) holds no editor/);
      assert.equal(socket.received.filter((m) => m.type === 'edit_request' && m.payload.textareaId === 'plain').length, 0);
    });

    it('finds CodeMirror 5 beside the textarea it replaced (CodeMirror.fromTextArea)', async () => {
      await page.click('.external-editor-btn[data-textarea-id="cm5-from-textarea"]');
      const request = await received(socket, (m) => m.type === 'edit_request' && m.payload.textareaId === 'cm5-from-textarea', 'its edit_request');
      assert.equal(request.payload.code, 'replaced by CodeMirror');
      assert.equal(request.payload.fileType, 'js');
      socket.send(JSON.stringify({ type: 'code_update', sessionId: request.sessionId, payload: { textareaId: 'cm5-from-textarea', code: 'saved', seq: 1 } }));
      await page.waitForFunction(() => window.cm5FromTextArea.getValue() === 'saved');
    });

    it('finds CodeMirror 6 from its contenteditable content element too, not as plain contenteditable', async () => {
      const kind = await page.evaluate(async () => (await window.libraryReady).findEditor(document.querySelector('#cm6 .cm-content')).kind);
      assert.equal(kind, 'codemirror6');
    });

    it('reads contenteditable markup as plain text and writes it back as such', async () => {
      const cases = await page.evaluate(async () => {
        const WebDevSync = await window.libraryReady;
        const read = (html, style = '') => {
          const div = document.createElement('div');
          div.contentEditable = 'true';
          div.style.cssText = style;
          div.innerHTML = html;
          document.body.append(div);
          const text = WebDevSync.findEditor(div).getText();
          div.remove();
          return text;
        };
        const write = (text, style = '') => {
          const div = document.createElement('div');
          div.contentEditable = 'true';
          div.style.cssText = style;
          document.body.append(div);
          const editor = WebDevSync.findEditor(div);
          editor.setText(text);
          const result = [div.innerHTML, editor.getText()];
          div.remove();
          return result;
        };
        return {
          chromeLines: read('a<div>b</div><div><br></div><div>c</div>'),
          trailingBreak: read('a<br>'),
          emptyLastLine: read('a<br><br>'),
          spaces: read('x&nbsp; y'),
          written: write('one\n\ntwo\n'),
          writtenPre: write('  one\n  two\n', 'white-space: pre-wrap'),
        };
      });
      assert.deepEqual(cases, {
        chromeLines: 'a\nb\n\nc',
        trailingBreak: 'a',
        emptyLastLine: 'a\n',
        spaces: 'x  y',
        written: ['one<br><br>two<br><br>', 'one\n\ntwo\n'],
        writtenPre: ['  one\n  two\n', '  one\n  two\n'],
      });
    });

    it('an overtaken change gives the page the relay\'s text', async () => {
      const request = socket.received.find((m) => m.type === 'edit_request' && m.payload.textareaId === 'textarea');
      await driver(page, 'textarea', 'focusEnd');
      await page.keyboard.type('!');
      const change = await received(socket, (m) => m.type === 'code_update' && m.sessionId === request.sessionId, 'the typed change');
      socket.send(JSON.stringify({ type: 'code_overtaken', sessionId: request.sessionId, payload: { textareaId: 'textarea', code: 'the relay\'s text', seq: 9 } }));
      await page.waitForFunction(() => window.drivers.textarea.text() === 'the relay\'s text');
      assert.match(change.payload.code, /!$/);
      await new Promise((resolve) => setTimeout(resolve, 250));
      assert.equal(socket.received.filter((m) => m.type === 'code_update' && m.sessionId === request.sessionId && !m.taken).length, 0, 'not sent back');
    });

    it('detach() stops live editing and gives CodeMirror 6 its own dispatch back', async () => {
      await page.evaluate(() => window.detach());
      assert.equal(await page.evaluate(() => window.codemirror6.view.dispatchTransactions === window.cm6OriginalDispatch), true);
      const before = socket.received.length;
      await driver(page, 'textarea', 'focusEnd');
      await page.keyboard.type('after detach');
      await new Promise((resolve) => setTimeout(resolve, 250));
      assert.equal(socket.received.slice(before).filter((m) => m.type === 'code_update').length, 0);
    });
  });
}

// attach()'s side of live editing, with a stand-in editor (the real editors are
// exercised in Chromium by tests/browser/e2e/editors.test.mjs): the user's
// changes are debounced into updateCode, the library's own updates never are.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LiveEditors } from '../../../transport/WebDevSync.Browser/src/live-editors.js';

const DEBOUNCE_MS = 20;
const settle = () => new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 4));

/** An editor that reports changes synchronously, as the built-in adapters do. */
function fakeEditor(text = '') {
  const listeners = new Set();
  const editor = {
    kind: 'custom',
    element: { isConnected: true },
    text,
    getText: () => editor.text,
    setText: (value) => editor.type(value),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    type(value) {
      editor.text = value;
      for (const listener of listeners) listener();
    },
    get listenerCount() { return listeners.size; },
  };
  return editor;
}

function setup(live = true) {
  const sent = [];
  const instance = { updateCode: (id, code) => sent.push([id, code]) };
  return { sent, editors: new LiveEditors(instance, { live, debounceMs: DEBOUNCE_MS }) };
}

describe('LiveEditors', () => {
  it('sends a burst of user changes once, after it settles, with the newest text', async () => {
    const { sent, editors } = setup();
    const editor = fakeEditor('a');
    editors.watch('t', editor);
    editor.type('ab');
    editor.type('abc');
    await settle();
    assert.deepEqual(sent, [['t', 'abc']]);
  });

  it('never sends text it applied itself', async () => {
    const { sent, editors } = setup();
    const editor = fakeEditor('a');
    editors.watch('t', editor);
    editors.apply('t', editor, 'from the editor');
    await settle();
    assert.equal(editor.text, 'from the editor');
    assert.deepEqual(sent, []);
  });

  it('drops a change still waiting when the other side\'s text arrives', async () => {
    const { sent, editors } = setup();
    const editor = fakeEditor('a');
    editors.watch('t', editor);
    editor.type('typed');
    editors.apply('t', editor, 'theirs');
    await settle();
    assert.deepEqual(sent, []);
  });

  it('with live off follows no changes, and unwatching unsubscribes', async () => {
    const off = setup(false);
    const quiet = fakeEditor();
    off.editors.watch('t', quiet);
    assert.equal(quiet.listenerCount, 0);

    const { sent, editors } = setup();
    const editor = fakeEditor();
    editors.watch('t', editor);
    editors.watch('t', editor); // the same editor again: still one subscription
    assert.equal(editor.listenerCount, 1);
    editor.type('pending');
    editors.unwatchAll();
    assert.equal(editor.listenerCount, 0);
    await settle();
    assert.deepEqual(sent, []);
  });
});

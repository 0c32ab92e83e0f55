// The pure parts behind the editor adapters: the smallest replacement between two
// texts (what each editor is asked to apply), offsets carried over it, file types
// from editors' language names, and the page context's limits.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extensionFor } from '../../../transport/WebDevSync.Browser/src/editors/file-types.js';
import { mapOffset, replacedRange } from '../../../transport/WebDevSync.Browser/src/editors/text-diff.js';
import { MAX_TITLE_LENGTH, MAX_URL_LENGTH, pageContext } from '../../../transport/WebDevSync.Browser/src/page-context.js';

const apply = (text, { from, to, insert }) => text.slice(0, from) + insert + text.slice(to);

describe('replacedRange', () => {
  it('replaces only the middle that differs', () => {
    assert.deepEqual(replacedRange('let a = 1;\nlet b = 2;', 'let a = 1;\nlet b = 3;'), { from: 19, to: 20, insert: '3' });
    assert.deepEqual(replacedRange('same', 'same'), { from: 4, to: 4, insert: '' });
    assert.deepEqual(replacedRange('', 'new'), { from: 0, to: 0, insert: 'new' });
    assert.deepEqual(replacedRange('aaa', 'aa'), { from: 2, to: 3, insert: '' });
  });

  it('never splits a surrogate pair', () => {
    const change = replacedRange('x😀y', 'x😃y'); // same high surrogate, different low one
    assert.deepEqual(change, { from: 1, to: 3, insert: '😃' });
  });

  it('turns any text into any other (exhaustive over a small alphabet, with astral characters)', () => {
    const alphabet = ['a', 'b', '\n', '😀'];
    const texts = [''];
    for (let length = 1; length <= 3; length++) {
      for (const text of texts.filter((t) => [...t].length === length - 1)) for (const c of alphabet) texts.push(text + c);
    }
    for (const before of texts) {
      for (const after of texts) {
        const change = replacedRange(before, after);
        assert.equal(apply(before, change), after, JSON.stringify([before, after]));
        assert.ok(!/[\ud800-\udbff]$/.test(before.slice(0, change.from)), 'no half pair before the change');
      }
    }
  });
});

describe('mapOffset', () => {
  const change = { from: 4, to: 6, insert: 'xyz' };
  it('keeps offsets before the change, shifts those after it, and puts those inside at its end', () => {
    assert.deepEqual([0, 4, 5, 6, 10].map((o) => mapOffset(o, change)), [0, 4, 7, 7, 11]);
  });
});

describe('extensionFor', () => {
  it('maps the languages of CodeMirror, Monaco and Ace to extensions', () => {
    assert.deepEqual(['javascript', 'text/typescript', 'python', 'ace/mode/python', 'ace/mode/c_cpp', 'plaintext', 'markdown', 'lua'].map(extensionFor),
      ['js', 'ts', 'py', 'py', 'cpp', 'txt', 'md', 'lua']);
  });
  it('gives nothing for what is no language name', () => {
    assert.deepEqual([undefined, '', 'a b/c', 42].map(extensionFor), [undefined, undefined, undefined, undefined]);
  });
});

describe('pageContext', () => {
  it('cuts a long title and turns its control characters into spaces', () => {
    assert.equal(pageContext('', { title: 'a\tb\u0000c' }).title, 'a b c');
    assert.equal(pageContext('', { title: 'x'.repeat(MAX_TITLE_LENGTH + 5) }).title.length, MAX_TITLE_LENGTH);
  });
  it('leaves out a URL the relay would refuse', () => {
    assert.equal(pageContext('', { url: `https://h/${'p'.repeat(MAX_URL_LENGTH)}` }).url, undefined);
    assert.equal(pageContext('', { url: 'https://h/a\nb' }).url, undefined);
    assert.equal(pageContext('', { url: 'https://h/ok' }).url, 'https://h/ok');
  });
  it('accepts the cursor at the very end of the code', () => {
    assert.deepEqual(pageContext('abc', { selection: { start: 3, end: 3 } }).selection, { start: 3, end: 3 });
  });
});

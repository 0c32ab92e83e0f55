// Live editing, the tab's side of the wire (README "Live editing"): the page's
// changes go out as code_update with baseSeq, code_ack and code_overtaken move
// the tab's seq, and nothing typed is dropped by a reconnect or an unconfirmed session.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flush, harness, openSession } from './support/fakes.mjs';
import { editsBetween, textSum } from '../../../transport/WebDevSync.Browser/src/text-edits.js';

/** A page change as the library sends it over the WebSocket (README "Edits"): the edits from the text it builds on, and the result's checksum. */
const asEdits = (sessionId, before, after, baseSeq) => {
  const { length, hash } = textSum(after);
  return { type: 'code_update', sessionId, payload: { textareaId: 'code-1', edits: editsBetween(before, after), length, hash, baseSeq } };
};

const agentUpdate = (sessionId, code, seq) => ({ type: 'code_update', sessionId, payload: { textareaId: 'code-1', code, seq } });
const ack = (sessionId, seq) => ({ type: 'code_ack', sessionId, payload: { textareaId: 'code-1', seq } });


describe('updateCode', () => {
  it('sends the page text as code_update with the newest seq seen as baseSeq', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    assert.equal(sync.updateCode('code-1', 'typed'), true);
    socket.serverSend(ack(sessionId, 1));
    socket.serverSend(agentUpdate(sessionId, 'from the editor', 2));
    sync.updateCode('code-1', 'typed again');
    assert.deepEqual(socket.sentOfType('code_update'), [asEdits(sessionId, 'code', 'typed', 0), asEdits(sessionId, 'from the editor', 'typed again', 2)]);
  });

  it('sends whole texts to a relay whose connection_ack does not say it takes edits (the seed\'s relay)', async () => {
    const { sync, connected } = harness({ relayEdits: false });
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    sync.updateCode('code-1', 'typed');
    const [sent] = socket.sentOfType('code_update');
    assert.equal(sent.payload.code, 'typed');
    assert.equal(sent.payload.edits, undefined);
    assert.equal(sent.payload.baseSeq, 0);
  });

  it('counts its own acknowledged change as seen: the next baseSeq and the resume cursor carry its seq', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    sync.updateCode('code-1', 'one');
    socket.serverSend(ack(sessionId, 5));
    sync.updateCode('code-1', 'two');
    assert.equal(socket.sentOfType('code_update').at(-1).payload.baseSeq, 5);
    socket.serverSend(ack(sessionId, 6));
    socket.serverClose(1006);
    clock.advance(1000);
    open();
    assert.deepEqual(sockets.at(-1).sent[0].payload.sessions, [{ sessionId, seq: 6 }]);
  });

  it('hands the relay\'s text of an overtaken change to onCodeUpdate, marked overtaken', async () => {
    const { sync, connected } = harness();
    const updates = [];
    sync.onCodeUpdate((id, code, info) => updates.push([id, code, info]));
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    sync.updateCode('code-1', 'mine');
    socket.serverSend({ type: 'code_overtaken', sessionId, payload: { textareaId: 'code-1', code: 'theirs', seq: 3 } });
    assert.deepEqual(updates, [['code-1', 'theirs', { sessionId, seq: 3, overtaken: true, merged: false }]]);
    sync.updateCode('code-1', 'next');
    assert.equal(socket.sentOfType('code_update').at(-1).payload.baseSeq, 3);
  });

  it('hands the merged text of a merged change to onCodeUpdate, marked merged, and builds on its seq', async () => {
    const { sync, connected } = harness();
    const updates = [];
    sync.onCodeUpdate((id, code, info) => updates.push([id, code, info]));
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    sync.updateCode('code-1', 'mine\n');
    socket.serverSend({ type: 'code_merged', sessionId, payload: { textareaId: 'code-1', code: 'mine\ntheirs\n', seq: 4 } });
    assert.deepEqual(updates, [['code-1', 'mine\ntheirs\n', { sessionId, seq: 4, overtaken: false, merged: true }]]);
    sync.updateCode('code-1', 'mine\ntheirs\nnext\n');
    assert.equal(socket.sentOfType('code_update').at(-1).payload.baseSeq, 4);
  });

  it('ignores a code_merged without a seq', async () => {
    const { sync, connected } = harness();
    const updates = [];
    sync.onCodeUpdate((id, code, info) => updates.push([id, code, info]));
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    socket.serverSend({ type: 'code_merged', sessionId, payload: { textareaId: 'code-1', code: 'x' } });
    assert.deepEqual(updates, []);
  });

  it('returns false, sending nothing, for a textarea without a session', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    assert.equal(sync.updateCode('code-1', 'x'), false);
    assert.deepEqual(socket.sentOfType('code_update'), []);
    assert.throws(() => sync.updateCode('', 'x'), TypeError);
    assert.throws(() => sync.updateCode('code-1', 42), TypeError);
  });

  it('keeps a change typed before the relay confirmed the session and sends it after the confirmation', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const editing = sync.editCodeSnippet('code-1', 'start', 'js');
    sync.updateCode('code-1', 'early');
    assert.deepEqual(socket.sentOfType('code_update'), [], 'not before the relay took the edit_request');
    socket.serverSend({ type: 'pong' });
    await editing;
    assert.deepEqual(socket.sentOfType('code_update').map((m) => m.payload), [asEdits(undefined, 'start', 'early', 0).payload]);
  });

  it('drops a change of a session the relay refused', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const editing = sync.editCodeSnippet('code-1', 'start', 'js');
    sync.updateCode('code-1', 'early');
    const { sessionId } = socket.sentOfType('edit_request')[0];
    socket.serverSend({ type: 'error', sessionId, payload: { code: 'NO_DESKTOP', message: 'No desktop connection found' } });
    socket.serverSend({ type: 'pong' });
    await assert.rejects(editing, { code: 'NO_DESKTOP' });
    await flush();
    assert.deepEqual(socket.sentOfType('code_update'), []);
  });

  it('sends the newest text typed while disconnected once reconnected', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    socket.serverClose(1006);
    assert.equal(sync.updateCode('code-1', 'offline 1'), true);
    sync.updateCode('code-1', 'offline 2');
    clock.advance(1000);
    open();
    assert.deepEqual(sockets.at(-1).sentOfType('code_update'), [asEdits(sessionId, 'code', 'offline 2', 0)]);
  });

  it('sends a change left unanswered by a drop again, with the same baseSeq', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    socket.serverSend(agentUpdate(sessionId, 'saved', 4));
    sync.updateCode('code-1', 'in flight');
    socket.serverClose(1006);
    clock.advance(1000);
    open();
    assert.deepEqual(sockets.at(-1).sentOfType('code_update').map((m) => m.payload), [{ textareaId: 'code-1', code: 'in flight', baseSeq: 4 }]);
  });

  it('sends nothing again for an answered change, nor a waiting one the other side\'s text replaced', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    sync.updateCode('code-1', 'answered');
    socket.serverSend(ack(sessionId, 1));
    socket.serverClose(1006);
    sync.updateCode('code-1', 'typed offline');
    clock.advance(1000);
    const reconnected = open();
    assert.deepEqual(reconnected.sentOfType('code_update'), [asEdits(sessionId, 'answered', 'typed offline', 1)]);
    assert.equal(sockets.length, 2);
    reconnected.serverSend(agentUpdate(sessionId, 'editor wins', 3));
    reconnected.serverSend(ack(sessionId, 2));
    assert.equal(reconnected.sentOfType('code_update').length, 1);
  });

  it('applies the editor\'s edits to its copy of the text and asks for the whole text when they do not fit it', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const shown = [];
    sync.onCodeUpdate((textareaId, code, info) => shown.push([code, info.seq]));
    const sessionId = await openSession(sync, socket);
    socket.serverSend({ ...asEdits(sessionId, 'code', 'co-de', 0), payload: { ...asEdits(sessionId, 'code', 'co-de', 0).payload, seq: 1 } });
    assert.deepEqual(shown, [['co-de', 1]]);
    const lie = asEdits(sessionId, 'co-de', 'co-de!', 1);
    socket.serverSend({ ...lie, payload: { ...lie.payload, hash: (lie.payload.hash ^ 1) >>> 0, seq: 2 } });
    assert.deepEqual(shown, [['co-de', 1]], 'a checksum that does not match is not shown');
    assert.deepEqual(socket.sentOfType('code_refresh'), [{ type: 'code_refresh', sessionId }]);
    const stale = asEdits(sessionId, 'co-de', 'co-de?', 0);
    socket.serverSend({ ...stale, payload: { ...stale.payload, seq: 3 } });
    assert.equal(socket.sentOfType('code_refresh').length, 2, 'edits for a seq this copy is not at');
    sync.updateCode('code-1', 'co-de.');
    assert.deepEqual(socket.sentOfType('code_update').at(-1), asEdits(sessionId, 'co-de', 'co-de.', 1));
  });

  it('forgets the live state of a closed session', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    const sessionId = await openSession(sync, socket);
    socket.serverSend({ type: 'session_closed', sessionId, payload: { textareaId: 'code-1', reason: 'editor_exited' } });
    assert.equal(sync.updateCode('code-1', 'late'), false);
  });
});

describe('edit_request page context', () => {
  it('carries url, title and selection when given', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    sync.editCodeSnippet('code-1', 'hello', 'js', { url: 'https://app.test/p?x=1', title: 'Page ✓', selection: { start: 1, end: 3 } });
    assert.deepEqual(socket.sentOfType('edit_request')[0].payload,
      { textareaId: 'code-1', code: 'hello', fileType: 'js', url: 'https://app.test/p?x=1', title: 'Page ✓', selection: { start: 1, end: 3 } });
  });

  it('leaves out what the page does not know (no location or document in Node)', async () => {
    const { sync, connected } = harness();
    const socket = await connected();
    sync.editCodeSnippet('code-1', 'hello', 'js');
    assert.deepEqual(socket.sentOfType('edit_request')[0].payload, { textareaId: 'code-1', code: 'hello', fileType: 'js' });
  });

  it('refuses a selection outside the code and an unknown context field', async () => {
    const { sync, connected } = harness();
    await connected();
    await assert.rejects(sync.editCodeSnippet('code-1', 'abc', 'js', { selection: { start: 2, end: 4 } }), RangeError);
    await assert.rejects(sync.editCodeSnippet('code-1', 'abc', 'js', { selection: { start: 2, end: 1 } }), RangeError);
    await assert.rejects(sync.editCodeSnippet('code-1', 'abc', 'js', { cursor: 1 }), /context.cursor is not a context field/);
  });
});

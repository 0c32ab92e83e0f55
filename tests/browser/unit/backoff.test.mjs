// Reconnect back-off: 1 s doubling to 30 s, jittered, forever (or up to maxReconnectAttempts when set),
// only after an unintended drop; plus the 10 s connect timeout.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BACKOFF, reconnectDelay, reconnectSchedule } from '../../../transport/WebDevSync.Browser/src/backoff.js';
import { harness } from './support/fakes.mjs';

describe('reconnect schedule', () => {
  it('starts at 1 s, doubles and caps at 30 s (without jitter)', () => {
    assert.deepEqual(reconnectSchedule({ ...DEFAULT_BACKOFF, reconnectJitter: 0 }), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000]);
  });

  it('draws each delay from its upper half by default', () => {
    assert.deepEqual([0, 0.5, 0.99].map((r) => reconnectDelay(6, DEFAULT_BACKOFF, () => r)), [30000, 22500, 15150]);
    assert.deepEqual([0, 0.99].map((r) => reconnectDelay(1, DEFAULT_BACKOFF, () => r)), [1000, 505]);
  });

  it('never exceeds the cap, even for absurd attempt numbers', () => {
    assert.equal(reconnectDelay(5000, { ...DEFAULT_BACKOFF, reconnectJitter: 0 }), 30000);
    assert.ok(reconnectDelay(5000) <= 30000);
  });

  it('refuses attempt numbers below 1', () => {
    assert.throws(() => reconnectDelay(0), RangeError);
  });
});

describe('reconnecting after an unintended drop', () => {
  it('by default never gives up: still trying every 30 s after an hour', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    await connected();
    sockets.at(-1).serverClose(1006);
    let elapsed = 0;
    for (let attempt = 1; elapsed < 3600 * 1000; attempt++) {
      const delay = reconnectDelay(attempt, { ...DEFAULT_BACKOFF, reconnectJitter: 0 });
      const before = sockets.length;
      clock.advance(delay);
      elapsed += delay;
      assert.equal(sockets.length, before + 1, `attempt ${attempt} opened a socket`);
      sockets.at(-1).serverClose(1006); // refused: the relay is still away
    }
    assert.equal(sync.state, 'reconnecting');
    clock.advance(30000);
    open(); // the relay is back
    assert.equal(sync.state, 'connected');
  });

  it('with maxReconnectAttempts set, retries at the back-off delays, then gives up in state error', async () => {
    const { clock, sync, sockets, states, connected } = harness({ timing: { maxReconnectAttempts: 10 } });
    await connected();
    sockets.at(-1).serverClose(1006);
    assert.equal(sync.state, 'reconnecting');

    for (const [index, delay] of reconnectSchedule({ ...DEFAULT_BACKOFF, reconnectJitter: 0 }, 10).entries()) {
      const before = sockets.length;
      clock.advance(delay);
      assert.equal(sockets.length, before + 1, `attempt ${index + 1} opened a socket`);
      sockets.at(-1).serverClose(1006); // refused
    }
    assert.equal(sync.state, 'error');
    const socketsBefore = sockets.length;
    clock.advance(10 * 60 * 1000);
    assert.equal(sockets.length, socketsBefore, 'no attempt after giving up');
    assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'error']);
  });

  it('opens each attempt exactly when its delay has passed', async () => {
    const { clock, sockets, connected } = harness();
    await connected();
    sockets.at(-1).serverClose(1006);
    let last = clock.now;
    for (const delay of [1000, 2000, 4000, 8000, 16000, 30000]) {
      const before = sockets.length;
      clock.advance(delay - 1);
      assert.equal(sockets.length, before, `nothing before ${delay} ms`);
      clock.advance(1);
      assert.equal(sockets.length, before + 1, `attempt after ${delay} ms`);
      assert.equal(clock.now - last, delay);
      last = clock.now;
      sockets.at(-1).serverClose(1006);
    }
  });

  it('counts a reconnect attempt that gets no acknowledgement within 10 s as failed', async () => {
    const { clock, sync, sockets, connected } = harness();
    await connected();
    sockets.at(-1).serverClose(1006);
    clock.advance(1000);
    const attempt = sockets.at(-1);
    attempt.serverOpen(); // opens, but the server never acknowledges
    clock.advance(10000);
    assert.deepEqual(attempt.closedWith?.code, 4000);
    assert.equal(sync.state, 'reconnecting');
    clock.advance(2000); // second delay
    assert.equal(sockets.at(-1) !== attempt, true);
  });

  it('starts again from 1 s after a successful reconnect', async () => {
    const { clock, sync, sockets, connected, open } = harness();
    await connected();
    sockets.at(-1).serverClose(1006);
    clock.advance(1000);
    sockets.at(-1).serverClose(1006);
    clock.advance(2000);
    open();
    assert.equal(sync.state, 'connected');
    sockets.at(-1).serverClose(1006);
    const before = sockets.length;
    clock.advance(1000);
    assert.equal(sockets.length, before + 1);
  });

  it('does not reconnect after disconnect()', async () => {
    const { clock, sync, sockets, connected } = harness();
    await connected();
    sync.disconnect();
    clock.advance(120000);
    assert.equal(sockets.length, 1);
    assert.equal(sync.state, 'disconnected');
  });

  it('honours custom timing', async () => {
    const { clock, sockets, connected } = harness({ timing: { reconnectBaseDelayMs: 10, reconnectMaxDelayMs: 15, maxReconnectAttempts: 2 } });
    await connected();
    sockets.at(-1).serverClose(1006);
    clock.advance(10);
    assert.equal(sockets.length, 2);
    sockets.at(-1).serverClose(1006);
    clock.advance(15);
    assert.equal(sockets.length, 3);
  });
});

describe('the first connect', () => {
  it('times out after 10 s without acknowledgement, ends in error, and is not retried', async () => {
    const { clock, sync, sockets } = harness();
    const connecting = sync.connect();
    sockets[0].serverOpen();
    clock.advance(9999);
    assert.equal(sync.state, 'connecting');
    clock.advance(1);
    await assert.rejects(connecting, { code: 'CONNECT_TIMEOUT' });
    assert.equal(sync.state, 'error');
    assert.equal(sockets[0].closedWith.code, 4000);
    clock.advance(120000);
    assert.equal(sockets.length, 1);
  });

  it('rejects when the socket closes before the acknowledgement', async () => {
    const { sync, sockets } = harness();
    const connecting = sync.connect();
    sockets[0].serverClose(1006);
    await assert.rejects(connecting, { name: 'WebDevSyncError', code: 'CONNECTION_FAILED' });
    assert.equal(sync.state, 'error');
  });

  it('rejects with the server\'s code when the server refuses the connection', async () => {
    const { sync, sockets } = harness();
    const connecting = sync.connect();
    sockets[0].serverOpen();
    sockets[0].serverSend({ type: 'error', payload: { code: 'FORBIDDEN', message: 'connectionId belongs to another user' } });
    await assert.rejects(connecting, { code: 'FORBIDDEN', message: 'connectionId belongs to another user' });
  });

  it('can be retried by calling connect() again after an error', async () => {
    const { sync, sockets, open } = harness();
    const first = sync.connect();
    sockets[0].serverClose(1006);
    await assert.rejects(first);
    const second = sync.connect();
    open();
    await second;
    assert.equal(sync.isConnected(), true);
  });

  it('lets concurrent connect() calls share one attempt', async () => {
    const { sync, sockets, open } = harness();
    const a = sync.connect();
    const b = sync.connect();
    open();
    await Promise.all([a, b]);
    assert.equal(sockets.length, 1);
    await sync.connect(); // already connected: resolves at once
    assert.equal(sockets.length, 1);
  });
});

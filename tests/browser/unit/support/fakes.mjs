// Test doubles for the library's injectable dependencies: a clock that only
// moves when told to, and a WebSocket class whose "server side" the test drives.

import { WebDevSync } from '../../../../transport/WebDevSync.Browser/src/index.js';

/** Timers that fire only inside advance(); time is virtual milliseconds. */
export class FakeClock {
  now = 0;
  #timers = new Map();
  #nextId = 1;

  setTimeout = (fn, ms) => this.#add(fn, ms, null);
  setInterval = (fn, ms) => this.#add(fn, ms, ms);
  clearTimeout = (id) => this.#timers.delete(id);
  clearInterval = (id) => this.#timers.delete(id);

  #add(fn, ms, interval) {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.now + ms, fn, interval });
    return id;
  }

  /** Number of timers still scheduled. */
  get pending() {
    return this.#timers.size;
  }

  /** Moves time forward, firing due timers in order (timers scheduled meanwhile included). */
  advance(ms) {
    const end = this.now + ms;
    for (;;) {
      let next;
      for (const [id, timer] of this.#timers) {
        if (timer.at <= end && (next === undefined || timer.at < next[1].at)) next = [id, timer];
      }
      if (next === undefined) break;
      const [id, timer] = next;
      this.now = timer.at;
      if (timer.interval === null) this.#timers.delete(id);
      else timer.at += timer.interval;
      timer.fn();
    }
    this.now = end;
  }
}

/** A fresh fake WebSocket class plus the list of every socket it created. */
export function fakeWebSocket() {
  const sockets = [];
  class FakeWebSocket {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSED = 3;
    readyState = 0;
    /** Messages the client sent, parsed. */
    sent = [];
    closedWith = null;
    #listeners = new Map();

    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      sockets.push(this);
    }

    addEventListener(type, fn) {
      if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
      this.#listeners.get(type).add(fn);
    }

    removeEventListener(type, fn) {
      this.#listeners.get(type)?.delete(fn);
    }

    get listenerCount() {
      let count = 0;
      for (const set of this.#listeners.values()) count += set.size;
      return count;
    }

    send(data) {
      if (this.readyState !== 1) throw new Error('InvalidStateError: socket not open');
      this.sent.push(JSON.parse(data));
    }

    close(code, reason) {
      this.closedWith = { code, reason };
      this.readyState = 3;
    }

    #fire(type, props = {}) {
      for (const fn of [...(this.#listeners.get(type) ?? [])]) fn({ type, ...props });
    }

    // ---- the server's side, driven by tests ----
    serverOpen() {
      this.readyState = 1;
      this.#fire('open');
    }

    serverSend(message) {
      this.#fire('message', { data: typeof message === 'string' ? message : JSON.stringify(message) });
    }

    serverClose(code = 1006, reason = '') {
      this.readyState = 3;
      this.#fire('error');
      this.#fire('close', { code, reason });
    }

    sentOfType(type) {
      return this.sent.filter((m) => m.type === type);
    }
  }
  return { FakeWebSocket, sockets };
}

/**
 * A client wired to fakes. `open()` completes the handshake on the newest socket
 * (open + connection_ack + desktop_status) and returns that socket. The relay's ack says it takes edits,
 * as WebDevSync's does, unless `relayEdits` is false (the seed's relay).
 */
export function harness({ debug = false, timing, desktop = true, probe = false, relayEdits = true } = {}) {
  const clock = new FakeClock();
  const { FakeWebSocket, sockets } = fakeWebSocket();
  // Exact delays unless a test asks for jitter: the schedule's tests count milliseconds.
  const sync = new WebDevSync('alice', debug, { url: 'ws://relay.test/web-dev-sync/ws', WebSocket: FakeWebSocket, clock, timing: { reconnectJitter: 0, ...timing }, probe });
  const states = [];
  const errors = [];
  sync.statusChange((_, state, error) => {
    states.push(state);
    if (error) errors.push(error);
  });
  const latest = () => sockets.at(-1);
  function open() {
    const socket = latest();
    socket.serverOpen();
    socket.serverSend({ type: 'connection_ack', connectionId: sync.connectionId, status: 'connected', payload: { role: 'browser', userId: 'alice', ...(relayEdits ? { acceptsEdits: true } : {}) } });
    socket.serverSend({ type: 'desktop_status', payload: { connected: desktop } });
    return socket;
  }
  async function connected() {
    const done = sync.connect();
    const socket = open();
    await done;
    return socket;
  }
  return { clock, sync, sockets, states, errors, latest, open, connected };
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((resolve) => setImmediate(resolve));

/** Opens a session for `textareaId` through the public API (the relay's pong accepts it); returns its id. */
export async function openSession(sync, socket, textareaId = 'code-1', code = 'code') {
  const editing = sync.editCodeSnippet(textareaId, code, 'js');
  const { sessionId } = socket.sentOfType('edit_request').at(-1);
  socket.serverSend({ type: 'pong' });
  await editing;
  return sessionId;
}

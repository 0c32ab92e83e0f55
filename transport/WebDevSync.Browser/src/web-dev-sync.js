/**
 * WebDevSync browser client: sends a textarea's code to the user's editor
 * through the relay and hands every save back to the page.
 *
 * Lifecycle (states observable through statusChange):
 *   disconnected --connect()--> connecting --ack--> connected
 *   connecting --timeout/failed--> error                   (no automatic retry)
 *   connecting/reconnecting --refused by the relay--> error  (REFUSED, with the relay's reason)
 *   connected --unintended drop / heartbeat timeout--> reconnecting
 *   reconnecting --ack--> connected (it retries forever, unless maxReconnectAttempts sets a limit: then --that many failed--> error)
 *   any --disconnect()--> disconnected
 * "Connected" means the server acknowledged our browser_connect, not merely
 * that a socket opened.
 */

import { reconnectDelay } from './backoff.js';
import { CallbackList, reportCallbackError } from './callbacks.js';
import { WebDevSyncError } from './errors.js';
import { pageContext } from './page-context.js';
import { LiveOutbox } from './live-outbox.js';
import { browserConnect, browserLeaving, codeEdits, codeRefresh, codeUpdate, editRequest, parseServerMessage, PING } from './messages.js';
import { resolveOptions } from './options.js';
import { pageIdentity } from './page-identity.js';
import { watchPageLeaving } from './page-leaving.js';
import { refusalHint } from './transports/refusal-probe.js';
import { ReplyTracker } from './replies.js';
import { SessionTable } from './sessions.js';
import { applyEdits, editsBetween, textSum } from './text-edits.js';
import { generateUUID } from './uuid.js';

export class WebDevSync {
  #userId;
  #debug;
  #connectionId;
  #identity;
  #config;
  #log;

  #state = 'disconnected';
  #desktopConnected = false;
  #transport = null;
  /** Bumped whenever a transport is dropped, so late events of an old one are ignored. */
  #generation = 0;
  #awaitingAck = false;
  /** @type {Array<{ resolve: Function, reject: Function }>} callers of connect() */
  #connectWaiters = [];
  #reconnectAttempts = 0;
  /** Stops watching pagehide; set while connect() is in force (until disconnect()). */
  #unwatchLeaving = null;
  #timers = { handshake: null, reconnect: null, heartbeat: null, pong: null };

  #sessions = new SessionTable();
  #replies = new ReplyTracker();
  #outbox = new LiveOutbox();
  /** Per session, the text the page's next change builds on: the last one sent or received (issue 28). */
  #texts = new Map();
  /** Whether the relay said in its connection_ack that it takes changes as edits (the seed's relay does not). */
  #relayTakesEdits = false;
  #callbacks = {
    status: new CallbackList(reportCallbackError),
    codeUpdate: new CallbackList(reportCallbackError),
    desktopStatus: new CallbackList(reportCallbackError),
    sessionClosed: new CallbackList(reportCallbackError),
    error: new CallbackList(reportCallbackError),
  };

  /**
   * @param {string} userId the user whose agent should receive edit requests
   * @param {boolean} [debug=false] log protocol events to the console
   * @param {import('../web-dev-sync').WebDevSyncOptions} [options]
   */
  constructor(userId, debug = false, options = {}) {
    if (typeof userId !== 'string' || userId.trim() === '') throw new TypeError('userId must be a non-empty string');
    this.#userId = userId;
    this.#debug = Boolean(debug);
    this.#config = resolveOptions(options);
    this.#log = this.#debug ? (...args) => console.debug('[WebDevSync]', ...args) : () => {};
    // Stable for the life of the page (a reload keeps it, see page-identity.js): reconnecting with it
    // resumes our sessions.
    this.#identity = pageIdentity(this.#config.storage, this.#config.url, userId);
    this.#connectionId = this.#identity.connectionId;
    this.#sessions.restore(this.#identity.sessions);
  }

  get userId() { return this.#userId; }
  get debug() { return this.#debug; }
  get connectionId() { return this.#connectionId; }
  /** @returns {'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error'} */
  get state() { return this.#state; }
  /** Whether at least one agent (editor) of this user is connected to the relay. */
  get desktopConnected() { return this.#desktopConnected; }

  isConnected() {
    return this.#state === 'connected';
  }

  /**
   * Connects (or joins a connection attempt already under way).
   * @returns {Promise<void>} resolves once the server acknowledged us
   */
  connect() {
    if (this.#state === 'connected') return Promise.resolve();
    const settled = new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    this.#unwatchLeaving ??= watchPageLeaving(this.#config.pageEvents, () => this.#onPageLeaving());
    if (this.#state === 'disconnected' || this.#state === 'error') {
      this.#reconnectAttempts = 0;
      this.#setState('connecting');
      this.#beginHandshake();
    }
    return settled;
  }

  /** Closes the connection on purpose: no reconnect, every timer and socket listener removed. */
  disconnect() {
    this.#unwatchLeaving?.();
    this.#unwatchLeaving = null;
    this.#persistSessions();
    this.#identity.release(); // a new instance in this page may take the identity (and resume the sessions)
    this.#clearAllTimers();
    this.#awaitingAck = false;
    this.#dropTransport(1000, 'client disconnect');
    // Waiters first: a status callback below may call connect() again, and its
    // new promise must not be rejected by this disconnect.
    this.#settleConnectWaiters(new WebDevSyncError('DISCONNECTED', 'disconnect() was called before the connection was established'));
    this.#endConnection(new WebDevSyncError('DISCONNECTED', 'disconnect() was called'));
    this.#setState('disconnected');
  }

  /**
   * @param {(connected: boolean, state: string, error?: WebDevSyncError) => void} callback `error` says
   *   why the state became 'error' or 'reconnecting' (code REFUSED with the relay's reason when refused)
   * @returns {() => void} unsubscribe
   */
  statusChange(callback) { return this.#callbacks.status.add(callback); }
  /**
   * Every text the other side sends: the agent's saves and live changes, and the relay's text when a
   * change of the page was overtaken (`info.overtaken`) or merged with the editor's (`info.merged`).
   * @param {(textareaId: string, code: string, info: { sessionId: string, seq?: number, overtaken: boolean, merged: boolean }) => void} callback
   */
  onCodeUpdate(callback) { return this.#callbacks.codeUpdate.add(callback); }
  /** @param {(connected: boolean) => void} callback */
  onDesktopStatus(callback) { return this.#callbacks.desktopStatus.add(callback); }
  /** @param {(textareaId: string | undefined, reason: string, info: { sessionId: string }) => void} callback */
  onSessionClosed(callback) { return this.#callbacks.sessionClosed.add(callback); }
  /** @param {(error: WebDevSyncError) => void} callback server errors not tied to a pending editCodeSnippet */
  onError(callback) { return this.#callbacks.error.add(callback); }

  /**
   * Asks the user's agent to open `code` in their editor. Editing the same
   * textarea again while its session is open reuses that session.
   * The request carries the page's context: `url` (location.href) and `title`
   * (document.title) unless `context` gives them, and `context.selection`.
   * @param {{ selection?: { start: number, end: number }, url?: string, title?: string }} [context]
   * @returns {Promise<{ sessionId: string, textareaId: string }>} resolves once the
   *   server has taken the request; rejects (WebDevSyncError with `code`) when not
   *   connected, when the server refuses it (e.g. NO_DESKTOP), or when the
   *   connection drops first.
   */
  editCodeSnippet(id, code, fileType = 'txt', context = {}) {
    if (typeof id !== 'string' || id === '') return Promise.reject(new TypeError('id (the textarea id) must be a non-empty string'));
    if (typeof code !== 'string') return Promise.reject(new TypeError('code must be a string'));
    if (typeof fileType !== 'string' || fileType === '') return Promise.reject(new TypeError('fileType must be a non-empty string'));
    let page;
    try {
      page = pageContext(code, context);
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.isConnected()) {
      return Promise.reject(new WebDevSyncError('NOT_CONNECTED', `Cannot edit "${id}": WebDevSync is ${this.#state}, not connected`));
    }
    let sessionId = this.#sessions.sessionOf(id);
    if (sessionId === undefined) {
      sessionId = generateUUID();
      this.#sessions.addPending(sessionId, id);
    }
    const accepted = this.#replies.expectEdit(sessionId);
    this.#log('edit_request', { sessionId, textareaId: id, fileType, bytes: code.length });
    this.#outbox.dropQueued(sessionId); // the request carries the page's text itself
    this.#texts.set(sessionId, code);
    this.#transport.send(editRequest(this.#connectionId, this.#userId, sessionId, id, code, fileType, page));
    this.#sendPing(); // the barrier: its pong tells us the edit was accepted
    return accepted.then(() => ({ sessionId, textareaId: id }));
  }

  /**
   * Live editing: the page's text of `id` changed (WebDevSync.attach calls this
   * for the user's changes; applications that change the text themselves call it
   * too). Sent as `code_update` with the newest seq seen as `baseSeq` while the
   * session is open; kept (the newest text only) while disconnected or while the
   * relay has not yet confirmed the session, and sent then.
   * @returns {boolean} whether `id` has a session to send it to
   */
  updateCode(id, code) {
    if (typeof id !== 'string' || id === '') throw new TypeError('id (the textarea id) must be a non-empty string');
    if (typeof code !== 'string') throw new TypeError('code must be a string');
    const sessionId = this.#sessions.sessionOf(id);
    if (sessionId === undefined) return false;
    this.#outbox.queue(sessionId, id, code);
    this.#flushLive();
    return true;
  }

  #flushLive() {
    if (!this.isConnected() || this.#transport === null) return;
    const ready = (sessionId) => this.#sessions.has(sessionId) && !this.#sessions.isPending(sessionId);
    for (const change of this.#outbox.take(ready)) {
      const baseSeq = change.baseSeq ?? this.#sessions.seqOf(change.sessionId) ?? 0;
      // As edits of the text this change builds on (the last one sent or received), when that is known
      // and the transport carries them; a change sent again after a drop goes whole, as it went first.
      const builds = change.baseSeq === undefined && this.#transport.carriesEdits === true && this.#relayTakesEdits ? this.#texts.get(change.sessionId) : undefined;
      this.#log('code_update', { sessionId: change.sessionId, baseSeq, bytes: change.code.length, edits: builds !== undefined });
      this.#transport.send(builds !== undefined
        ? codeEdits(change.sessionId, change.textareaId, editsBetween(builds, change.code), textSum(change.code), baseSeq)
        : codeUpdate(this.#connectionId, this.#userId, change.sessionId, change.textareaId, change.code, baseSeq));
      this.#texts.set(change.sessionId, change.code);
      this.#outbox.sent(change.sessionId, change.textareaId, change.code, baseSeq);
    }
  }

  /**
   * The page is being unloaded (closed, reloaded or navigated away; page-leaving.js). The relay is told,
   * so a closed tab's editors learn at once; a reload comes back with the same id and keeps its sessions.
   */
  #onPageLeaving() {
    this.#persistSessions();
    if (!this.isConnected() || this.#transport === null) return;
    this.#log('page leaving; browser_leaving');
    try {
      this.#transport.send(browserLeaving(this.#connectionId, this.#userId));
    } catch (error) {
      this.#log('browser_leaving not sent:', error?.message ?? String(error));
    }
  }

  // ---- connection lifecycle -------------------------------------------------

  #beginHandshake() {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    this.#awaitingAck = true;
    this.#timers.handshake = this.#config.clock.setTimeout(() => {
      this.#timers.handshake = null;
      this.#handshakeFailed(new WebDevSyncError('CONNECT_TIMEOUT', `No acknowledgement from ${this.#config.url} within ${this.#config.timing.connectTimeoutMs} ms`));
    }, this.#config.timing.connectTimeoutMs);
    this.#log('connecting to', this.#config.url);
    try {
      this.#transport = this.#config.transportFactory(
        { url: this.#config.url, token: this.#config.token, WebSocket: this.#config.WebSocket, probe: this.#config.probe, log: this.#log },
        {
          open: () => current() && this.#onTransportOpen(),
          message: (data) => current() && this.#onTransportMessage(data),
          close: (info) => current() && this.#onTransportClose(info),
        },
      );
    } catch (error) {
      this.#handshakeFailed(new WebDevSyncError('CONNECTION_FAILED', `Cannot open a connection: ${error.message}`, { cause: error }));
    }
  }

  #onTransportOpen() {
    const sessions = this.#sessions.resumeCursor();
    this.#log('transport open; browser_connect', { connectionId: this.#connectionId, resume: sessions });
    this.#transport.send(browserConnect(this.#connectionId, this.#userId, sessions, this.#transport.carriesEdits === true));
  }

  #onTransportClose({ code, reason, refused }) {
    this.#transport = null;
    this.#generation++;
    const detail = `code ${code}${reason ? `, ${reason}` : ''}`;
    this.#log('transport closed', detail);
    if (refused && this.#awaitingAck) {
      this.#refused(refused);
    } else if (this.#awaitingAck) {
      this.#handshakeFailed(new WebDevSyncError('CONNECTION_FAILED', `Connection to ${this.#config.url} closed before it was acknowledged (${detail})`));
    } else if (this.#state === 'connected') {
      this.#connectionLost(new WebDevSyncError('CONNECTION_LOST', `Connection lost (${detail})`));
    }
  }

  #onAck() {
    this.#clearTimer('handshake');
    this.#awaitingAck = false;
    this.#reconnectAttempts = 0;
    // Everything of the new state is in place before any callback runs: a
    // callback may well call disconnect(), which must then find it all.
    this.#timers.heartbeat = this.#config.clock.setInterval(() => {
      if (this.#timers.pong === null) this.#sendPing(); // a ping already waiting doubles as the heartbeat
    }, this.#config.timing.heartbeatIntervalMs);
    this.#settleConnectWaiters(); // they resolve asynchronously, after the callbacks below
    this.#persistSessions();
    this.#setState('connected');
    this.#flushLive(); // page changes made while away
  }

  /**
   * The relay refused us, and said why (refusal-probe.js). A refused token, origin or URL stays
   * refused, so no retry: the state becomes 'error', and the reason reaches statusChange's third
   * argument, onError and connect()'s promise. Too many connections (429) is retried as any failure.
   */
  #refused({ status, reason }) {
    const error = new WebDevSyncError('REFUSED', `The relay refused the connection: ${reason} (HTTP ${status}).${refusalHint({ status, reason })}`);
    error.status = status;
    error.reason = reason;
    if (status === 429) {
      this.#handshakeFailed(error);
      return;
    }
    this.#log('refused:', status, reason);
    this.#clearAllTimers();
    this.#awaitingAck = false;
    this.#dropTransport(4000, 'refused');
    if (this.#state === 'reconnecting') this.#endConnection(error);
    this.#settleConnectWaiters(error);
    this.#setState('error', error);
    this.#callbacks.error.emit(error);
  }

  #handshakeFailed(error) {
    this.#log('handshake failed:', error.code, error.message);
    this.#clearTimer('handshake');
    this.#awaitingAck = false;
    this.#dropTransport(4000, 'handshake failed');
    if (this.#state === 'reconnecting') {
      this.#scheduleReconnect(error);
    } else {
      this.#settleConnectWaiters(error); // before the callbacks, which may call connect() again
      this.#setState('error', error);
    }
  }

  /** An established connection ended without disconnect(): reconnect with back-off. */
  #connectionLost(error) {
    this.#dropTransport(4000, error.message);
    this.#endConnection(error);
    if (this.#state !== 'connected') return; // a callback called disconnect()
    this.#reconnectAttempts = 0;
    this.#setState('reconnecting', error);
    if (this.#state !== 'reconnecting') return; // a callback called disconnect() or connect()
    this.#scheduleReconnect(error);
  }

  #scheduleReconnect(lastError) {
    const { maxReconnectAttempts } = this.#config.timing;
    if (maxReconnectAttempts > 0 && this.#reconnectAttempts >= maxReconnectAttempts) {
      const error = new WebDevSyncError('RECONNECT_FAILED', `Gave up after ${maxReconnectAttempts} reconnect attempts: ${lastError.message}`, { cause: lastError });
      this.#settleConnectWaiters(error);
      this.#setState('error', error);
      return;
    }
    this.#reconnectAttempts++;
    const delay = reconnectDelay(this.#reconnectAttempts, this.#config.timing);
    this.#log(`reconnect attempt ${this.#reconnectAttempts}${maxReconnectAttempts > 0 ? `/${maxReconnectAttempts}` : ''} in ${delay} ms`);
    this.#timers.reconnect = this.#config.clock.setTimeout(() => {
      this.#timers.reconnect = null;
      this.#beginHandshake();
    }, delay);
  }

  /** What ends with any connection: heartbeat, waiting requests, agent presence. */
  #endConnection(error) {
    this.#clearTimer('heartbeat');
    this.#clearTimer('pong');
    this.#replies.failAll(error);
    this.#outbox.connectionLost();
    this.#sessions.removePending();
    this.#setDesktop(false);
  }

  #dropTransport(code, reason) {
    const transport = this.#transport;
    this.#transport = null;
    this.#generation++;
    transport?.close(code, reason.slice(0, 120)); // close reasons are limited to 123 bytes
  }

  // ---- heartbeat ------------------------------------------------------------

  #sendPing() {
    this.#replies.expectPong();
    this.#transport.send(PING);
    if (this.#timers.pong === null) this.#armPongTimer();
  }

  #armPongTimer() {
    this.#timers.pong = this.#config.clock.setTimeout(() => {
      this.#timers.pong = null;
      this.#log('pong timeout');
      this.#connectionLost(new WebDevSyncError('CONNECTION_LOST', `No pong within ${this.#config.timing.pongTimeoutMs} ms`));
    }, this.#config.timing.pongTimeoutMs);
  }

  #onPong() {
    this.#clearTimer('pong');
    for (const sessionId of this.#replies.onPong()) this.#sessions.confirm(sessionId);
    this.#persistSessions();
    if (this.#replies.pingsOutstanding > 0) this.#armPongTimer();
    this.#flushLive(); // changes typed before the relay confirmed their session
  }

  // ---- incoming messages ----------------------------------------------------

  #onTransportMessage(data) {
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      this.#log('ignoring malformed message:', parsed.reason);
      return;
    }
    const message = parsed.message;
    this.#log('received', message.type, message.sessionId ?? '');
    switch (message.type) {
      case 'connection_ack':
        if (!this.#awaitingAck) this.#log('ignoring unexpected connection_ack');
        else if (message.connectionId !== undefined && message.connectionId !== this.#connectionId) this.#log('ignoring connection_ack for another connection');
        else {
          this.#relayTakesEdits = message.acceptsEdits === true;
          this.#onAck();
        }
        break;
      case 'desktop_status':
        this.#setDesktop(message.connected);
        break;
      case 'code_edits':
        this.#onEdits(message);
        break;
      case 'code_update':
      case 'code_overtaken':
      case 'code_merged': {
        this.#texts.set(message.sessionId, message.code);
        const overtaken = message.type === 'code_overtaken';
        const merged = message.type === 'code_merged';
        if (overtaken || merged) this.#outbox.answered(message.sessionId);
        this.#outbox.dropQueued(message.sessionId); // the page is about to show the relay's text
        this.#sessions.recordUpdate(message.sessionId, message.textareaId, message.seq);
        this.#callbacks.codeUpdate.emit(message.textareaId, message.code, { sessionId: message.sessionId, seq: message.seq, overtaken, merged });
        break;
      }
      case 'code_ack':
        this.#outbox.answered(message.sessionId);
        this.#sessions.recordAck(message.sessionId, message.seq);
        break;
      case 'session_closed': {
        this.#outbox.forget(message.sessionId);
        this.#texts.delete(message.sessionId);
        const textareaId = this.#sessions.remove(message.sessionId) ?? message.textareaId;
        this.#persistSessions();
        this.#callbacks.sessionClosed.emit(textareaId, message.reason, { sessionId: message.sessionId });
        break;
      }
      case 'error':
        this.#onServerError(message);
        break;
      case 'pong':
        this.#onPong();
        break;
    }
  }

  /**
   * The editor's change as edits: applied to this copy of the text when it is the one they were made
   * on (its seq, its checksum), then shown as any editor change is. Otherwise this copy drifted, or
   * has a change of the page's on the way that the relay will answer: the whole text is asked for.
   */
  #onEdits(message) {
    const base = this.#texts.get(message.sessionId);
    const text = base !== undefined && this.#sessions.seqOf(message.sessionId) === message.baseSeq ? applyEdits(base, message.edits) : undefined;
    const sum = text === undefined ? undefined : textSum(text);
    if (sum === undefined || sum.length !== message.sum.length || sum.hash !== message.sum.hash) {
      this.#log('code_refresh', { sessionId: message.sessionId, baseSeq: message.baseSeq });
      this.#transport?.send(codeRefresh(message.sessionId));
      return;
    }
    this.#texts.set(message.sessionId, text);
    this.#outbox.dropQueued(message.sessionId);
    this.#sessions.recordUpdate(message.sessionId, message.textareaId, message.seq);
    this.#callbacks.codeUpdate.emit(message.textareaId, text, { sessionId: message.sessionId, seq: message.seq, overtaken: false, merged: false });
  }

  #onServerError({ code, message, sessionId }) {
    const error = new WebDevSyncError(code, message, { sessionId });
    // Only a session-less error refuses the connection itself (e.g. UNAUTHENTICATED).
    if (this.#awaitingAck && sessionId === undefined) {
      this.#handshakeFailed(error);
      return;
    }
    const refused = this.#replies.onError(sessionId, error);
    const affected = refused ?? sessionId;
    if (affected !== undefined && (this.#sessions.isPending(affected) || code === 'SESSION_NOT_FOUND')) {
      this.#outbox.forget(affected);
      this.#sessions.remove(affected); // never opened (or gone): the next edit starts a new session
    }
    if (refused === undefined && sessionId !== undefined) this.#outbox.answered(sessionId); // a refused page change
    if (refused === undefined) this.#callbacks.error.emit(error);
  }

  // ---- small helpers --------------------------------------------------------

  #persistSessions() {
    this.#identity.save(this.#sessions.confirmed());
  }

  /** @param {WebDevSyncError} [error] why, for 'error' and 'reconnecting': statusChange's third argument */
  #setState(state, error) {
    if (state === this.#state) return;
    this.#log(`state ${this.#state} -> ${state}`);
    this.#state = state;
    this.#callbacks.status.emit(state === 'connected', state, error);
  }

  #setDesktop(connected) {
    if (connected === this.#desktopConnected) return;
    this.#desktopConnected = connected;
    this.#callbacks.desktopStatus.emit(connected);
  }

  #settleConnectWaiters(error) {
    const waiters = this.#connectWaiters;
    this.#connectWaiters = [];
    for (const { resolve, reject } of waiters) {
      if (error) reject(error);
      else resolve();
    }
  }

  #clearTimer(name) {
    const id = this.#timers[name];
    if (id === null) return;
    if (name === 'heartbeat') this.#config.clock.clearInterval(id);
    else this.#config.clock.clearTimeout(id);
    this.#timers[name] = null;
  }

  #clearAllTimers() {
    for (const name of Object.keys(this.#timers)) this.#clearTimer(name);
  }
}

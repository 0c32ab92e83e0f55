/**
 * WebDevSync browser library — TypeScript declarations (hand-written).
 *
 * Served files (built by transport/WebDevSync.Browser/build.mjs):
 *   /web-dev-sync/web-dev-sync.js           ES module (default export and named exports)
 *   /web-dev-sync/lib/web-dev-sync.js       the same module (…/lib/web-dev-sync.min.js minified)
 *   /web-dev-sync/lib/web-dev-sync.iife.js  classic script defining window.WebDevSync (…/lib/web-dev-sync.iife.min.js minified)
 *   /web-dev-sync/lib/web-dev-sync.d.ts     this file
 *
 * @example
 * import WebDevSync from '/web-dev-sync/web-dev-sync.js';
 * const sync = new WebDevSync('alice');
 * WebDevSync.attach(document, sync);   // wires every .external-editor-btn
 * await sync.connect();
 */

/** Connection states, in the order a normal session passes through them. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

/** Error codes produced by the client itself (the server's codes are passed through as-is). */
export type ClientErrorCode =
  | 'NOT_CONNECTED'     // editCodeSnippet while not connected
  | 'CONNECT_TIMEOUT'   // no connection_ack within connectTimeoutMs
  | 'CONNECTION_FAILED' // the socket could not be opened or closed before the ack
  | 'REFUSED'           // the relay refused the connection (status and reason on the error); not retried
  | 'CONNECTION_LOST'   // an established connection dropped (or missed its pong)
  | 'RECONNECT_FAILED'  // gave up after maxReconnectAttempts (when set)
  | 'DISCONNECTED'      // disconnect() was called
  | 'NO_ELEMENT'        // attach(): no element has the button's data-textarea-id
  | 'NO_EDITOR';        // attach(): the element holds no editor the library knows

/** Error codes the relay sends in `error` messages. */
export type ServerErrorCode =
  | 'INVALID_MESSAGE' | 'UNKNOWN_TYPE' | 'NOT_CONNECTED' | 'NO_DESKTOP' | 'SESSION_NOT_FOUND'
  | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE' | 'RATE_LIMITED' | 'UNAUTHENTICATED' | 'INTERNAL';

/** Every promise of the library rejects with this (argument errors excepted: those are TypeErrors). */
export class WebDevSyncError extends Error {
  constructor(code: string, message: string, details?: { sessionId?: string; cause?: unknown });
  readonly name: 'WebDevSyncError';
  /** A ClientErrorCode or ServerErrorCode (unknown future server codes pass through). */
  readonly code: ClientErrorCode | ServerErrorCode | (string & {});
  /** The edit session the error is about, when the server named one. */
  readonly sessionId?: string;
  /** REFUSED: the HTTP status the relay refused with (401, 403, 404, 429). */
  readonly status?: number;
  /** REFUSED: the relay's reason, e.g. 'origin not allowed', 'missing token', 'token expired'. */
  readonly reason?: string;
}

/** Timing knobs; the defaults are the ones the connection spec asks for. */
export interface WebDevSyncTiming {
  /** Time allowed to open the socket and receive connection_ack. Default 10000. */
  connectTimeoutMs?: number;
  /** Interval between heartbeat pings while connected. Default 30000. */
  heartbeatIntervalMs?: number;
  /** Time allowed for a pong before the connection counts as dead. Default 5000. */
  pongTimeoutMs?: number;
  /** First reconnect delay; doubles per attempt (then jittered). Default 1000. */
  reconnectBaseDelayMs?: number;
  /** Upper bound of the reconnect delay. Default 30000. */
  reconnectMaxDelayMs?: number;
  /** Reconnect attempts after an unintended drop before the state becomes 'error'; 0 (the default): reconnect forever. */
  maxReconnectAttempts?: number;
  /** The random fraction of each reconnect delay: 0.5 (the default) draws it from [delay / 2, delay]; 0: exact delays. */
  reconnectJitter?: number;
}

/** Timer functions (inject a fake clock in tests). */
export interface WebDevSyncClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
}

export interface WebDevSyncOptions {
  /**
   * Relay endpoint. Default: the page's origin + `/web-dev-sync/ws` (ws: or wss: to match the page).
   * http(s): URLs are turned into ws(s):, relative URLs resolve against the page. The 'grpc-web'
   * transport uses this URL's origin (`ws://host/web-dev-sync/ws` → `http://host`).
   */
  url?: string;
  /**
   * Bearer token (e.g. a JWT whose subject is the user). It travels in the
   * `Sec-WebSocket-Protocol` request header, never in the URL: the client offers the two
   * subprotocols `webdevsync` and `bearer.<token>`, i.e. the header reads
   * `Sec-WebSocket-Protocol: webdevsync, bearer.<token>`, and the server must select
   * `webdevsync`. Without a token no subprotocol is offered. Must consist of HTTP token
   * characters (JWTs do). With `transport: 'grpc-web'` it is sent as the
   * `authorization: Bearer <token>` header of both gRPC-Web calls instead.
   */
  token?: string;
  /**
   * 'websocket' (default); 'grpc-web' (the relay's webdevsync.v1.WebDevSync service over gRPC-Web
   * on the same HTTP port: Subscribe carries the connection, Send every later message; same API
   * and reconnect behaviour; its code is loaded on first use); another registered name (see
   * registerTransport); or a factory.
   */
  transport?: 'websocket' | 'grpc-web' | (string & {}) | TransportFactory;
  /** Overrides of the connection timing. */
  timing?: WebDevSyncTiming;
  /** Advanced: WebSocket implementation to use instead of globalThis.WebSocket (tests, Node's `ws`). */
  WebSocket?: new (url: string, protocols?: string | string[]) => WebSocketLike;
  /** Advanced: timer functions to use instead of the global ones (tests). */
  clock?: WebDevSyncClock;
  /**
   * Where the client's identity is kept for the page's life, so a reload resumes its sessions:
   * sessionStorage by default; `null` keeps none (every instance a new client).
   */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /**
   * Where `pagehide` is heard, to tell the relay the page is unloading (`browser_leaving`): the page's
   * window by default; `null` watches nothing (the relay then waits its whole grace period).
   */
  pageEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** Advanced (tests): replaces the refusal probe, or `false` turns it off. */
  probe?: false | ((url: string, token: string | undefined) => Promise<{ status: number; reason: string } | null>);
}

export interface CodeUpdateInfo {
  sessionId: string;
  /** The relay's sequence number of this change (grows per session, over both directions). */
  seq?: number;
  /**
   * True when this is the relay's text answering a change of the page that the editor's change
   * overtook (`code_overtaken`): the page adopts it so both ends hold the same text.
   */
  overtaken: boolean;
  /**
   * True when this is the page's change merged with the editor's concurrent change at another place
   * (`code_merged`): the page adopts the merged text, which holds both.
   */
  merged: boolean;
}

/** A selection or cursor (start === end) in the text, as UTF-16 offsets (JavaScript string indices). */
export interface TextSelection {
  start: number;
  end: number;
}

/** Where the text of an edit comes from; sent in the edit_request for the agent. */
export interface EditContext {
  /** The cursor or selection in `code`; `0 <= start <= end <= code.length` (else a RangeError). */
  selection?: TextSelection;
  /** Default `location.href`; left out when longer than 8192 characters. */
  url?: string;
  /** Default `document.title`; cut to 1024 characters, control characters become spaces. */
  title?: string;
}

/**
 * An editor the library can edit: what `WebDevSync.registerEditor` takes for editors it does
 * not know. The built-in kinds (textarea, input, contenteditable, CodeMirror 5 and 6, Monaco,
 * Ace) implement the same.
 */
export interface EditorAdapter {
  /** The editor's whole text. */
  getText(): string;
  /** Replaces the text (ideally through the editor's own edit API, keeping undo and cursor). */
  setText(text: string): void;
  /**
   * Calls `listener` after every change of the text, the user's and setText's alike, synchronously
   * for setText's (the library ignores those while it applies them). Returns an unsubscribe function.
   * Without it, live editing cannot see the user's changes (the text still goes out on each click).
   */
  onChange?(listener: () => void): () => void;
  /** The cursor or selection, if the editor knows it. */
  getSelection?(): TextSelection | undefined;
  /** File type (extension) when the button has no `data-file-type`. */
  fileType?: string | (() => string | undefined);
}

/** An editor found in the page: an adapter with its kind and the element it lives in. */
export interface FoundEditor extends Required<Pick<EditorAdapter, 'getText' | 'setText' | 'onChange'>> {
  kind: EditorKind;
  element: Element;
  getSelection(): TextSelection | undefined;
  fileType(): string | undefined;
}

export type EditorKind = 'custom' | 'textarea' | 'input' | 'codemirror5' | 'codemirror6' | 'monaco' | 'ace' | 'contenteditable';

/** The editor libraries of the page, when they are not globals (bundled pages). */
export interface EditorLibraries {
  /** Monaco's namespace (`import * as monaco from 'monaco-editor'`); default globalThis.monaco. */
  monaco?: { editor: { getEditors(): unknown[] } };
  /** Ace's namespace; default globalThis.ace (only needed for editors whose element lacks `env.editor`). */
  ace?: { edit(element: Element): unknown };
  /** CodeMirror 6: with EditorView, its findFromDOM is used instead of reading the view off the DOM. */
  codemirror6?: { EditorView: { findFromDOM(dom: HTMLElement): unknown } };
}

export interface AttachOptions extends EditorLibraries {
  /** Clicks on a button are ignored for this long after its request settled. Default 500. */
  debounceMs?: number;
  /** Live editing: send the user's changes while a session is open. Default true; false = one way. */
  live?: boolean;
  /** How long the user's changes settle before they are sent. Default 50. */
  liveDebounceMs?: number;
}

export interface EditResult {
  sessionId: string;
  textareaId: string;
}

export class WebDevSync {
  /**
   * @param userId the user whose agent receives the edit requests
   * @param debug log protocol events with console.debug (never code or tokens)
   * @throws TypeError on an empty userId or invalid options
   */
  constructor(userId: string, debug?: boolean, options?: WebDevSyncOptions);

  readonly userId: string;
  readonly debug: boolean;
  /**
   * UUID v4 kept for the page's life (sessionStorage: a reload of the tab keeps it), so reconnects and
   * reloads resume its sessions; a second instance at once in one page gets its own.
   */
  readonly connectionId: string;
  readonly state: ConnectionState;
  /** True while at least one agent (editor) of this user is connected to the relay. */
  readonly desktopConnected: boolean;

  /**
   * Opens the connection. Resolves when the server acknowledged it; rejects with a
   * WebDevSyncError (CONNECT_TIMEOUT, CONNECTION_FAILED, REFUSED with the relay's reason,
   * a server code such as UNAUTHENTICATED, or DISCONNECTED). A failed first connect is not retried; drops
   * after a successful one are, with back-off. Calling it while connecting or
   * reconnecting joins the attempt under way.
   */
  connect(): Promise<void>;
  /** Closes on purpose: no reconnect; clears every timer and socket listener. Registered callbacks stay. */
  disconnect(): void;
  isConnected(): boolean;

  /**
   * Called on every state change; `connected` is `state === 'connected'`. `error` says why the state
   * became 'error' or 'reconnecting' (REFUSED with the relay's reason when it refused the connection).
   * Returns an unsubscribe function.
   */
  statusChange(callback: (connected: boolean, state: ConnectionState, error?: WebDevSyncError) => void): () => void;
  /**
   * Called for every text the other side sends: the agent's saves and live changes, and the relay's
   * text when a change of the page was overtaken. Returns an unsubscribe function.
   */
  onCodeUpdate(callback: (textareaId: string, code: string, info: CodeUpdateInfo) => void): () => void;
  /** Called when agent presence changes (see desktopConnected). Returns an unsubscribe function. */
  onDesktopStatus(callback: (connected: boolean) => void): () => void;
  /** Called when an edit session ends (e.g. reason 'editor_exited'). Returns an unsubscribe function. */
  onSessionClosed(callback: (textareaId: string | undefined, reason: string, info: { sessionId: string }) => void): () => void;
  /** Server errors that do not belong to a pending editCodeSnippet call. Returns an unsubscribe function. */
  onError(callback: (error: WebDevSyncError) => void): () => void;

  /**
   * Sends `code` to the user's editor. One session per textarea: editing the same
   * textarea again while its session is open reuses the session id. Resolves once the
   * relay has processed the request without an error; rejects with a WebDevSyncError
   * carrying `code` and `sessionId`: NOT_CONNECTED, a server code (NO_DESKTOP,
   * PAYLOAD_TOO_LARGE, …), or CONNECTION_LOST / DISCONNECTED when the connection ends first.
   * The request carries the page's context (url and title from the page unless given).
   * @param id the textarea's id (sent as textareaId)
   * @param fileType file extension for the temp file, e.g. 'js', 'css', 'py', 'md'
   * @throws (rejects with) TypeError on bad arguments, RangeError on a selection outside `code`
   */
  editCodeSnippet(id: string, code: string, fileType?: string, context?: EditContext): Promise<EditResult>;

  /**
   * Live editing: the page's text of `id` changed. Sent as `code_update` with the newest seq the
   * tab has seen as `baseSeq`; while disconnected or before the relay confirmed the session, the
   * newest text waits and is sent then. attach() calls it for the user's changes; applications
   * that change the text themselves call it too.
   * @returns whether `id` has an open session (false: nothing to send to)
   * @throws TypeError on bad arguments
   */
  updateCode(id: string, code: string): boolean;

  /**
   * Wires every `.external-editor-btn` (with `data-textarea-id`, optional
   * `data-file-type`) under `root` by event delegation. `data-textarea-id` names the
   * element holding the code: a textarea, input, contenteditable, CodeMirror 5 or 6,
   * Monaco, Ace or registered editor, detected on each click. Debounced clicks send its
   * text, file type (else the editor's language, else 'txt') and selection; buttons are
   * disabled while disconnected or without an agent; updates go through the editor's own
   * API. Live (default): the user's changes are sent while the session is open. Each click
   * ends with a bubbling `webdevsync:sent` (detail { textareaId, sessionId, kind }) or
   * `webdevsync:error` (detail { textareaId, error }; error.code NO_ELEMENT, NO_EDITOR or
   * the request's) CustomEvent on the button.
   * @throws TypeError on an unknown option or a bad root/instance
   * @returns detach: removes every listener and subscription it added
   */
  static attach(root: Document | Element, instance: WebDevSync, options?: AttachOptions): () => void;
  /** Registers an adapter for an editor the library does not know; returns unregister. */
  static registerEditor(element: Element, adapter: EditorAdapter): () => void;
  /** The editor attach() would find in `element`, or null. */
  static findEditor(element: Element, libraries?: EditorLibraries): FoundEditor | null;
  static WebDevSyncError: typeof WebDevSyncError;
  /** Makes a transport available by name for the `transport` option (e.g. 'grpc-web'). */
  static registerTransport(name: string, factory: TransportFactory): void;
}

export const attach: typeof WebDevSync.attach;
export const registerTransport: typeof WebDevSync.registerTransport;
export const registerEditor: typeof WebDevSync.registerEditor;
export const findEditor: typeof WebDevSync.findEditor;
export default WebDevSync;

/** The transport plug-in interface: every way of reaching the relay implements it. */
export interface TransportConfig {
  url: string;
  token?: string;
  WebSocket?: WebDevSyncOptions['WebSocket'];
  /** Debug logger (a no-op unless debug). */
  log: (...args: unknown[]) => void;
}

export interface TransportHandlers {
  /** The channel can carry messages now. */
  open(): void;
  /** One incoming message: JSON text, or an already-decoded object of the same shape. */
  message(data: unknown): void;
  /** The channel ended without close() being called. Called at most once. */
  close(info: { code: number; reason: string }): void;
}

export interface Transport {
  /** Sends one protocol message (a plain object in the JSON protocol's shape). */
  send(message: object): void;
  /** Ends the channel; no handler is called afterwards. */
  close(code?: number, reason?: string): void;
}

/** Starts connecting at once; must not call the handlers synchronously; may throw (bad URL). */
export type TransportFactory = (config: TransportConfig, handlers: TransportHandlers) => Transport;

/** The part of the WebSocket API the default transport uses. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: any) => void): void;
  removeEventListener(type: 'open' | 'message' | 'error' | 'close', listener: (event: any) => void): void;
}

declare global {
  interface Window {
    /** Defined by the classic-script build (lib/web-dev-sync.iife.js). */
    WebDevSync: typeof WebDevSync;
  }
}

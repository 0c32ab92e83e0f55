// Compiled (never run) by types.test.mjs against browser/web-dev-sync.d.ts:
// the seed's integration pattern and the extensions must type-check strictly.
import WebDevSync, {
  WebDevSyncError, attach, findEditor, registerEditor,
  type AttachOptions, type CodeUpdateInfo, type ConnectionState, type EditContext, type EditorKind, type FoundEditor, type TextSelection, type TransportFactory,
} from '../../../../transport/WebDevSync.Browser/web-dev-sync';

const webDevSync = new WebDevSync('user123', true);
await webDevSync.connect();
webDevSync.statusChange((connected) => {
  document.querySelectorAll<HTMLButtonElement>('.external-editor-btn').forEach((btn) => (btn.disabled = !connected));
});
webDevSync.onCodeUpdate((textareaId, updatedCode, info) => {
  const textarea = document.getElementById(textareaId) as HTMLTextAreaElement | null;
  if (textarea) textarea.value = updatedCode + String(info.seq ?? '') + info.sessionId;
});
const result: { sessionId: string; textareaId: string } = await webDevSync.editCodeSnippet('code-1', 'x', 'js');
void result;

const withOptions = new WebDevSync('alice', false, {
  url: 'wss://relay.example/web-dev-sync/ws',
  token: 'a.b.c',
  transport: 'websocket',
  timing: { connectTimeoutMs: 5000, maxReconnectAttempts: 3 },
});
const state: ConnectionState = withOptions.state;
const present: boolean = withOptions.desktopConnected;
const off: () => void = withOptions.onDesktopStatus((connected: boolean) => void connected);
off();
withOptions.onSessionClosed((textareaId, reason, { sessionId }) => void [textareaId, reason, sessionId]);
withOptions.onError((error) => {
  const code: string = error.code;
  void code;
});
withOptions.editCodeSnippet('a', 'b').catch((error: unknown) => {
  if (error instanceof WebDevSyncError) void error.sessionId;
});
const detach: () => void = WebDevSync.attach(document, withOptions, { debounceMs: 200 });
detach();
attach(document.body, withOptions)();

const loopback: TransportFactory = (_config, handlers) => {
  setTimeout(() => handlers.open(), 0);
  return { send: () => handlers.message('{"type":"pong"}'), close: () => undefined };
};
WebDevSync.registerTransport('loopback', loopback);
const fromWindow: typeof WebDevSync = window.WebDevSync;
void [state, present, fromWindow];

// Editors, page context and live editing.
const adapterOff: () => void = WebDevSync.registerEditor(document.body, {
  getText: () => 'text',
  setText: (text: string) => void text,
  onChange: (listener: () => void) => { listener(); return () => undefined; },
  getSelection: (): TextSelection => ({ start: 0, end: 1 }),
  fileType: 'lua',
});
adapterOff();
registerEditor(document.body, { getText: () => '', setText: () => undefined, fileType: () => undefined })();
const found: FoundEditor | null = findEditor(document.body, { monaco: { editor: { getEditors: () => [] } } });
if (found) {
  const kind: EditorKind = found.kind;
  const selection: TextSelection | undefined = found.getSelection();
  void [kind, selection, found.fileType()];
}
const context: EditContext = { selection: { start: 1, end: 2 }, url: 'https://app.example/x', title: 'X' };
withOptions.editCodeSnippet('a', 'abc', 'js', context);
const sent: boolean = withOptions.updateCode('a', 'abcd');
withOptions.onCodeUpdate((id, code, info: CodeUpdateInfo) => void [id, code, info.seq, info.overtaken]);
const liveOptions: AttachOptions = { live: false, liveDebounceMs: 30, debounceMs: 100, codemirror6: { EditorView: { findFromDOM: () => null } } };
WebDevSync.attach(document, withOptions, liveOptions)();
void sent;

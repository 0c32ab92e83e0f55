// The demo page's glue: one WebDevSync instance per "Connect", the attach()
// helper for the buttons, and a human-readable log of what happens.
// Query parameters: ?user=alice prefills the user id; &connect=1 connects at once.
// A reload of a tab that was connected connects again at once (as an app's page would), so the
// library resumes its sessions within the relay's leaveGracePeriod (README "When a tab reloads").

import WebDevSync from './web-dev-sync.js';

const $ = (selector) => document.querySelector(selector);
const form = $('#connect-form');
const userInput = $('#user-id');
const tokenInput = $('#token');
const debugInput = $('#debug');
const disconnectButton = $('#disconnect-btn');
const connectionPill = $('#connection-state');
const agentPill = $('#agent-state');
const readiness = $('#readiness');
const log = $('#event-log');
const USER_KEY = 'webdevsync-demo-user';
/** Per tab (sessionStorage): the user this tab was connected as, so a reload connects again. */
const CONNECTED_KEY = 'webdevsync-demo-connected';

function rememberConnected(userId) {
  try {
    if (userId) sessionStorage.setItem(CONNECTED_KEY, userId);
    else sessionStorage.removeItem(CONNECTED_KEY);
  } catch {
    // No sessionStorage (sandboxed): a reload then waits for Connect.
  }
}

function connectedBeforeReload() {
  try {
    return sessionStorage.getItem(CONNECTED_KEY);
  } catch {
    return null;
  }
}

/** The live instance and everything to undo when it is replaced. */
let current = null;
/** Why the connection is in error or reconnecting (statusChange's third argument), shown under the pills. */
let lastProblem = null;

/**
 * The CodeMirror 6 and Monaco snippets (lib/demo-editors.js, bundled by build.mjs). A bundled
 * Monaco has no global, so attach() is given the namespace; without the bundle the textareas still work.
 */
const richEditors = import('./lib/demo-editors.js')
  .then(({ createDemoEditors }) => createDemoEditors({ codemirror6: $('#code-cm6'), monaco: $('#code-monaco') }))
  .catch((error) => {
    addLog(`CodeMirror 6 and Monaco snippets unavailable: ${error.message}`, 'error');
    return null;
  });
window.webDevSyncDemoEditors = richEditors; // handy in the console (and for tests)

// ---- rendering --------------------------------------------------------------

function addLog(text, kind = 'info') {
  const item = document.createElement('li');
  item.dataset.kind = kind;
  const time = document.createElement('time');
  time.textContent = clock();
  const message = document.createElement('span');
  message.textContent = text;
  item.append(time, message);
  log.append(item);
  while (log.children.length > 200) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
}

function setPill(pill, attribute, value, text) {
  pill.setAttribute(attribute, value);
  pill.querySelector('.value').textContent = text;
}

function render() {
  const state = current?.sync.state ?? 'disconnected';
  const connected = state === 'connected';
  const agent = current?.sync.desktopConnected ?? false;
  setPill(connectionPill, 'data-state', state, state);
  if (connected) setPill(agentPill, 'data-connected', String(agent), agent ? 'connected' : 'not connected');
  else setPill(agentPill, 'data-connected', 'unknown', 'unknown');
  disconnectButton.disabled = current === null || state === 'disconnected';

  const user = current?.sync.userId ?? (userInput.value.trim() || 'alice');
  const ready = connected && agent;
  readiness.dataset.ready = String(ready);
  readiness.textContent = ready
    ? 'Ready: your agent is listening.'
    : connected
      ? `Waiting for an agent: run scripts/agent --user ${user}${agentUrlSwitch()}`
      : state === 'reconnecting' ? 'Connection lost, reconnecting…'
        : state === 'error' && lastProblem ? lastProblem.message : 'Connect to start.';
}

function editorStatus(textareaId, text, kind = 'info') {
  const status = document.querySelector(`[data-editor="${CSS.escape(textareaId)}"] .editor-status`);
  if (!status) return;
  status.textContent = text;
  status.dataset.kind = kind;
}

function flash(textareaId) {
  const card = document.querySelector(`[data-editor="${CSS.escape(textareaId)}"]`);
  card?.classList.add('flash');
  setTimeout(() => card?.classList.remove('flash'), 600);
}

const clock = () => new Date().toTimeString().slice(0, 8); // HH:MM:SS

/**
 * ` --url …` for the agent's command when this relay is not where the agent looks by default
 * (ws://localhost:8071/web-dev-sync/ws); '' when it is.
 */
function agentUrlSwitch() {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(location.hostname);
  if (location.protocol === 'http:' && location.port === '8071' && loopback) return '';
  return ` --url ${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/web-dev-sync/ws`;
}
const short = (id) => (id ? id.slice(0, 8) : '?');

// ---- connecting -------------------------------------------------------------

function teardown() {
  if (!current) return;
  current.detach();
  for (const unsubscribe of current.unsubscribers) unsubscribe();
  current.sync.disconnect();
  current = null;
}

async function connect() {
  const userId = userInput.value.trim();
  if (!userId) {
    userInput.focus();
    return;
  }
  const editors = await richEditors; // resolves once (quickly); errors are already logged
  teardown();
  localStorage.setItem(USER_KEY, userId);
  rememberConnected(userId);
  const token = tokenInput.value.trim();
  let sync;
  try {
    // ?transport=grpc-web tries the gRPC-Web transport (Subscribe + Send) instead of the WebSocket.
    const transport = new URLSearchParams(location.search).get('transport') ?? 'websocket';
    sync = new WebDevSync(userId, debugInput.checked, token ? { token, transport } : { transport });
    addLog(`Transport: ${transport}`);
  } catch (error) {
    addLog(`Cannot start: ${error.message}`, 'error');
    return;
  }
  window.webDevSyncDemo = sync; // handy in the console
  const unsubscribers = [
    sync.statusChange((connected, state, error) => {
      lastProblem = error ?? null;
      addLog(`Relay ${state}`, state === 'error' ? 'error' : connected ? 'ok' : 'info');
      render();
    }),
    sync.onDesktopStatus((agent) => {
      addLog(agent ? 'Agent connected' : 'No agent connected', agent ? 'ok' : 'info');
      render();
    }),
    sync.onCodeUpdate((textareaId, code, info) => {
      // seq is the relay's update number for the session (a save or a live change), not a count of saves.
      const save = info.seq === undefined ? '' : info.overtaken ? ` (seq ${info.seq}, replaced your change)` : ` (seq ${info.seq})`;
      addLog(`Update for ${textareaId}${save}, ${code.length} characters`, 'ok');
      editorStatus(textareaId, `Updated ${clock()}${save}`, 'ok');
      flash(textareaId);
    }),
    sync.onSessionClosed((textareaId, reason) => {
      addLog(`Session of ${textareaId ?? 'a snippet'} closed: ${reason}`);
      if (textareaId) editorStatus(textareaId, `Editor closed (${reason})`);
    }),
    sync.onError((error) => addLog(`Server error ${error.code}: ${error.message}`, 'error')),
  ];
  const detach = WebDevSync.attach(document, sync, editors ? { monaco: editors.monaco, codemirror6: editors.codemirror6 } : {});
  current = { sync, detach, unsubscribers };
  render();
  addLog(`Connecting as "${userId}"…`);
  try {
    await sync.connect();
  } catch (error) {
    // A refusal is already in the log (onError), with the relay's reason.
    if (current?.sync === sync && error.code !== 'REFUSED') addLog(`Could not connect: ${error.message}`, 'error');
  }
}

// ---- page events ------------------------------------------------------------

form.addEventListener('submit', (event) => {
  event.preventDefault();
  connect();
});

disconnectButton.addEventListener('click', () => {
  if (!current) return;
  current.sync.disconnect();
  rememberConnected(null);
  addLog('Disconnected on request');
  render();
});

userInput.addEventListener('input', () => {
  $('#agent-command-user').textContent = userInput.value.trim() || 'alice';
  if (!current) render();
});

$('#copy-command').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('#agent-command').textContent);
    addLog('Agent command copied');
  } catch {
    addLog('Copy failed; select the command and copy it by hand', 'error');
  }
});

$('#clear-log').addEventListener('click', () => log.replaceChildren());

// What attach() announces for each click.
document.addEventListener('webdevsync:sent', (event) => {
  const { textareaId, sessionId, kind } = event.detail;
  addLog(`Sent ${textareaId} (${kind}) to your editor (session ${short(sessionId)})`);
  editorStatus(textareaId, 'Open in your editor: save to sync back; typing here is sent live');
});
document.addEventListener('webdevsync:error', (event) => {
  const { textareaId, error } = event.detail;
  const hint = error.code === 'NO_DESKTOP' ? ' Start your agent first.' : '';
  addLog(`Could not send ${textareaId}: ${error.message}.${hint}`, 'error');
  editorStatus(textareaId, error.code === 'NO_DESKTOP' ? 'No agent connected' : 'Not sent', 'error');
});

// Shows that frameworks would notice: attach() fires a bubbling input event per update.
document.addEventListener('input', (event) => {
  if (event.target instanceof HTMLTextAreaElement && !event.isTrusted) {
    addLog(`input event fired on ${event.target.id}`);
  }
});

// ---- start ------------------------------------------------------------------

const params = new URLSearchParams(location.search);
$('#agent-command-url').textContent = agentUrlSwitch();
userInput.value = params.get('user') ?? localStorage.getItem(USER_KEY) ?? '';
$('#agent-command-user').textContent = userInput.value.trim() || 'alice';
render();
const reconnectAs = connectedBeforeReload();
if (reconnectAs) userInput.value = reconnectAs;
if ((reconnectAs || params.get('connect') === '1') && userInput.value.trim()) connect();

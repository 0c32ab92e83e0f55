// A scripted agent as a real process, so a test can kill -9 it mid-session.
// Usage: node scripted-agent.mjs <wsUrl> <token> <connectionId> <userId> <stateFile>
// Its "editor files" live in <stateFile> (one JSON object: sessionId -> {textareaId, fileType,
// browserConnectionId, code}). A save is written there first, then sent: what is in the file is what
// the user saved. On start it re-announces every session in the file (desktop_connect payload.sessions)
// and resends each one's latest content, as the real agent does after a reconnect.
// stdin: "save <sessionId> <code>" per line. stdout: connected | opened <id> | saved <id> <code> | sent <id>.
import { readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [url, token, connectionId, userId, stateFile] = process.argv.slice(2);
const sessions = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
const persist = () => {
  writeFileSync(stateFile + '.tmp', JSON.stringify(sessions));
  renameSync(stateFile + '.tmp', stateFile);
};

const ws = new WebSocket(url, { headers: { Authorization: `Bearer ${token}` } });
let ready = false;
ws.on('open', () => {
  const announced = Object.entries(sessions).map(([sessionId, s]) => ({
    sessionId, textareaId: s.textareaId, fileType: s.fileType, browserConnectionId: s.browserConnectionId,
  }));
  ws.send(JSON.stringify({ type: 'desktop_connect', connectionId, userId, payload: { sessions: announced } }));
});
ws.on('message', (data) => {
  const m = JSON.parse(data.toString());
  if (m.type === 'connection_ack') {
    for (const [sessionId, s] of Object.entries(sessions)) send(sessionId, s);
    ready = true;
    console.log('connected');
  } else if (m.type === 'edit_request') {
    sessions[m.sessionId] = { textareaId: m.payload.textareaId, fileType: m.payload.fileType, browserConnectionId: m.payload.browserConnectionId, code: m.payload.code };
    persist();
    console.log(`opened ${m.sessionId}`);
  } else if (m.type === 'session_closed') {
    delete sessions[m.sessionId];
    persist();
    console.log(`closed ${m.sessionId} ${m.payload?.reason}`);
  }
});
ws.on('close', () => process.exit(3));
ws.on('error', () => process.exit(4));

function send(sessionId, s) {
  ws.send(JSON.stringify({ type: 'code_update', sessionId, payload: { textareaId: s.textareaId, code: s.code } }));
  console.log(`sent ${sessionId}`);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const [verb, sessionId, ...rest] = line.split(' ');
  if (verb !== 'save' || !sessions[sessionId]) return;
  sessions[sessionId].code = rest.join(' ');
  persist();
  console.log(`saved ${sessionId} ${sessions[sessionId].code}`);
  if (ready) send(sessionId, sessions[sessionId]);
});

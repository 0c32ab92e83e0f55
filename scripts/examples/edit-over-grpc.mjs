#!/usr/bin/env node
// Opens a snippet in your editor through a WebDevSync relay over native gRPC and prints every save.
//
//   node scripts/examples/edit-over-grpc.mjs [--server 127.0.0.1:8072] [--user alice] [--token JWT] [--type js] FILE
//
// It connects as a "browser" (Connect, a bidirectional stream), sends an edit_request with FILE's
// content, then prints each code_update the agent sends back until the editor closes the session
// (session_closed) or you press Ctrl-C. Needs @grpc/grpc-js and @grpc/proto-loader (npm ci).
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import loader from '@grpc/proto-loader';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args.splice(i, 2)[1] : fallback; };
const server = opt('server', '127.0.0.1:8072');
const user = opt('user', process.env.USER || 'user');
const token = opt('token', process.env.WEBDEVSYNC_TOKEN);
const type = opt('type'); // every switch is taken out of args before the file is read from what is left
const file = args[0];
const fileType = type ?? (file ? path.extname(file).slice(1) || 'txt' : 'txt');
if (!file) { console.error('usage: edit-over-grpc.mjs [--server host:port] [--user id] [--token jwt] [--type ext] FILE'); process.exit(2); }

const proto = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../proto/webdevsync/v1/webdevsync.proto');
const { webdevsync } = grpc.loadPackageDefinition(loader.loadSync(proto, { defaults: true, oneofs: true, longs: Number }));
const client = new webdevsync.v1.WebDevSync(server, grpc.credentials.createInsecure());
const metadata = new grpc.Metadata();
if (token) metadata.set('authorization', `Bearer ${token}`);

const connectionId = randomUUID(), sessionId = randomUUID();
const call = client.Connect(metadata);
call.write({ connectionId, userId: user, browserConnect: {} });

call.on('data', (m) => {
  switch (m.body) {
    case 'desktopStatus':
      if (!m.desktopStatus.connected) { console.error('no agent connected for', user, '- start one with scripts/agent'); break; }
      call.write({ editRequest: { sessionId, textareaId: path.basename(file), code: readFileSync(file, 'utf8'), fileType } });
      console.error(`opened ${file} in ${user}'s editor; save to see updates here`);
      break;
    case 'codeUpdate':
      console.log(`--- update #${m.codeUpdate.seq} (${m.codeUpdate.code.length} chars)\n${m.codeUpdate.code}`);
      break;
    case 'sessionClosed':
      console.error(`session closed: ${m.sessionClosed.reason}`);
      call.cancel(); // the relay keeps a half-closed stream open for updates; cancelling ends it
      break;
    case 'error':
      console.error(`error ${m.error.code}: ${m.error.message}`);
      break;
  }
});
call.on('error', (e) => {
  if (e.code !== grpc.status.CANCELLED) { console.error(`gRPC error ${e.code}: ${e.details}`); process.exitCode = 1; }
  process.exit();
});
call.on('end', () => process.exit());
process.on('SIGINT', () => { call.write({ sessionClosed: { sessionId, reason: 'client_exited' } }); setTimeout(() => call.cancel(), 100); });

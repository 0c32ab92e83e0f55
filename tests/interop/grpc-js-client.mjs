// @grpc/grpc-js against the relay's webdevsync.v1.WebDevSync over h2c, loaded at run time from the
// published proto (proto/webdevsync/v1/webdevsync.proto) with @grpc/proto-loader. Runs ONE case and
// exits 0 on success:
//   node tests/interop/grpc-js-client.mjs --server 127.0.0.1:8072 --case round_trip [--token JWT] [--max-bytes N]
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean)
  .map((pair) => pair.trim().split(/\s+/)));
const here = path.dirname(fileURLToPath(import.meta.url));
const definition = protoLoader.loadSync('webdevsync/v1/webdevsync.proto',
  { includeDirs: [path.join(here, '..', '..', 'proto')], defaults: true, oneofs: true, longs: Number });
const { WebDevSync } = grpc.loadPackageDefinition(definition).webdevsync.v1;
// The relay's code limit is in UTF-16 units, the size limit in bytes: raise the client's own limits past both.
const client = new WebDevSync(args.server, grpc.credentials.createInsecure(),
  { 'grpc.max_receive_message_length': 64 << 20, 'grpc.max_send_message_length': 64 << 20 });
const run = `${process.pid}`;

function bearer(token) {
  const metadata = new grpc.Metadata();
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return metadata;
}

/** A Connect call as an async queue: next() resolves to {data}, {error} or {end}. */
function connect(metadata = bearer(args.token), options = {}) {
  const call = client.Connect(metadata, options);
  const queue = []; const waiters = [];
  const push = (item) => (waiters.length ? waiters.shift()(item) : queue.push(item));
  call.on('data', (data) => push({ data }));
  call.on('error', (error) => push({ error }));
  call.on('end', () => push({ end: true }));
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r)));
  /** The next message whose oneof is `body`, skipping others; fails on an error or the end. */
  const nextOf = async (body) => {
    for (;;) {
      const item = await next();
      assert.ok(item.data, `expected ${body}, got ${JSON.stringify(item.error?.details ?? item)}`);
      if (item.data.body === body) return item.data;
    }
  };
  const status = async () => {
    for (;;) { const item = await next(); if (item.error) return item.error; if (item.end) return { code: grpc.status.OK }; }
  };
  return { call, next, nextOf, status };
}

async function pair(user) {
  const agent = connect();
  agent.call.write({ connectionId: `agent-${user}`, userId: user, desktopConnect: {} });
  await agent.nextOf('connectionAck');
  const tab = connect();
  tab.call.write({ connectionId: `tab-${user}`, userId: user, browserConnect: {} });
  await tab.nextOf('connectionAck');
  assert.equal((await tab.nextOf('desktopStatus')).desktopStatus.connected, true);
  return { agent, tab };
}

async function roundTrip(user, code) {
  const { agent, tab } = await pair(user);
  tab.call.write({ editRequest: { sessionId: `s-${user}`, textareaId: 't', code, fileType: 'js' } });
  const edit = await agent.nextOf('editRequest');
  assert.equal(edit.editRequest.code, code);
  agent.call.write({ codeUpdate: { sessionId: `s-${user}`, code: `${code}!` } });
  assert.equal((await tab.nextOf('codeUpdate')).codeUpdate.code, `${code}!`);
  agent.call.end(); tab.call.end(); agent.call.cancel(); tab.call.cancel();
}

const cases = {
  async round_trip() {
    await roundTrip(`js-rt-${run}`, 'hello ünïcode 🎉');
  },
  async large_message() {
    await roundTrip(`js-big-${run}`, 'ü'.repeat(1 << 20));
  },
  async oversized_message() {
    const { call, status } = connect();
    call.write({ connectionId: `agent-js-over-${run}`, userId: `js-over-${run}`, desktopConnect: {} });
    call.write({ codeUpdate: { sessionId: 's', code: 'x'.repeat(Number(args['max-bytes']) + 4096) } });
    assert.equal((await status()).code, grpc.status.RESOURCE_EXHAUSTED);
    await roundTrip(`js-after-over-${run}`, 'still serving');
  },
  async deadline() {
    const { call, status } = connect(bearer(args.token), { deadline: new Date(Date.now() + 300) });
    call.write({ connectionId: `agent-js-dl-${run}`, userId: `js-dl-${run}`, desktopConnect: {} });
    assert.equal((await status()).code, grpc.status.DEADLINE_EXCEEDED);
  },
  async cancellation() {
    const { agent, tab } = await pair(`js-cancel-${run}`);
    agent.call.cancel();
    // The relay routes the reset stream as the agent's disconnect: the tab hears it has no desktop now.
    assert.equal((await tab.nextOf('desktopStatus')).desktopStatus.connected, false);
    tab.call.cancel();
  },
  async metadata() {
    const user = args.user;
    const { call, nextOf } = connect(bearer(args.token));
    call.write({ connectionId: `agent-js-md-${run}`, userId: user, desktopConnect: {} });
    assert.equal((await nextOf('connectionAck')).connectionAck.userId, user);
    call.cancel();
    const missing = connect(bearer(null));
    assert.equal((await missing.status()).code, grpc.status.UNAUTHENTICATED);
    const forged = connect(bearer('not.a.token'));
    assert.equal((await forged.status()).code, grpc.status.UNAUTHENTICATED);
  },
  async unimplemented() {
    const error = await new Promise((resolve) => client.makeUnaryRequest('/webdevsync.v1.WebDevSync/NoSuchMethod',
      (x) => x, (x) => x, Buffer.alloc(0), (e) => resolve(e)));
    assert.equal(error?.code, grpc.status.UNIMPLEMENTED);
  },
};

const selected = cases[args.case];
if (!selected) { console.error(`unknown case ${args.case}`); process.exit(2); }
try {
  await selected();
  console.log(`PASS ${args.case}`);
  process.exit(0);
} catch (error) {
  console.error(`FAIL ${args.case}: ${error?.stack ?? error}`);
  process.exit(1);
}

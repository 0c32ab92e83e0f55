// gRPC interop client on @grpc/grpc-js: runs ONE case of grpc/grpc doc/interop-test-descriptions.md
// against grpc.testing.TestService and exits 0 on success (non-zero with a reason otherwise).
//   node tests/interop/grpc-js-client.mjs --port 8072 --case large_unary [--protos DIR]
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean)
  .map((pair) => pair.trim().split(/\s+/)));
const here = path.dirname(fileURLToPath(import.meta.url));
const protos = args.protos ?? path.join(here, '..', 'WebDevSync.Grpc.Tests', 'Protos');
const definition = protoLoader.loadSync('src/proto/grpc/testing/test.proto', { includeDirs: [protos], defaults: true });
const testing = grpc.loadPackageDefinition(definition).grpc.testing;
const target = `127.0.0.1:${args.port}`;
const credentials = grpc.credentials.createInsecure();
const client = new testing.TestService(target, credentials);

const zeros = (n) => Buffer.alloc(n);
const payload = (n) => ({ type: 'COMPRESSABLE', body: zeros(n) });
const deadlineIn = (ms) => ({ deadline: new Date(Date.now() + ms) });
const PING_PONG = [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]];

function unary(method, request, metadata = new grpc.Metadata(), options = {}) {
  return new Promise((resolve, reject) => {
    const seen = {};
    const call = client[method](request, metadata, options, (error, response) => {
      if (error) reject(error); else resolve({ response, seen });
    });
    call.on('metadata', (m) => { seen.initial = m; });
    call.on('status', (s) => { seen.trailing = s.metadata; });
  });
}

function expectStatus(promise, code, message) {
  return promise.then(
    () => assert.fail(`expected status ${code}, call succeeded`),
    (error) => {
      assert.equal(error.code, code, `status code (${error.details})`);
      if (message !== undefined) assert.equal(error.details, message);
    });
}

// A duplex call as an async queue of responses plus the final status.
function duplex(metadata = new grpc.Metadata(), options = {}) {
  const call = client.FullDuplexCall(metadata, options);
  const queue = []; const waiters = [];
  const push = (item) => (waiters.length ? waiters.shift()(item) : queue.push(item));
  const status = new Promise((resolve) => call.on('status', resolve));
  const meta = new Promise((resolve) => call.on('metadata', resolve));
  call.on('data', (data) => push({ data }));
  call.on('error', (error) => push({ error }));
  call.on('end', () => push({ end: true }));
  const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r)));
  return { call, next, status, meta };
}

const cases = {
  async empty_unary() {
    const { response } = await unary('EmptyCall', {});
    assert.deepEqual(Object.keys(response), []);
  },
  async large_unary() {
    const { response } = await unary('UnaryCall', { responseSize: 314159, payload: payload(271828) });
    assert.equal(response.payload.body.length, 314159);
    assert.ok(response.payload.body.every((b) => b === 0));
  },
  async client_streaming() {
    const total = await new Promise((resolve, reject) => {
      const call = client.StreamingInputCall((e, r) => (e ? reject(e) : resolve(r.aggregatedPayloadSize)));
      for (const size of [27182, 8, 1828, 45904]) call.write({ payload: payload(size) });
      call.end();
    });
    assert.equal(total, 74922);
  },
  async server_streaming() {
    const sizes = [31415, 9, 2653, 58979];
    const call = client.StreamingOutputCall({ responseParameters: sizes.map((size) => ({ size })) });
    const received = [];
    for await (const response of call) received.push(response.payload.body.length);
    assert.deepEqual(received, sizes);
  },
  async ping_pong() {
    const { call, next, status } = duplex();
    for (const [responseSize, requestSize] of PING_PONG) {
      call.write({ responseParameters: [{ size: responseSize }], payload: payload(requestSize) });
      const item = await next();
      assert.ok(item.data, `expected a response, got ${JSON.stringify(item)}`);
      assert.equal(item.data.payload.body.length, responseSize);
    }
    call.end();
    assert.ok((await next()).end);
    assert.equal((await status).code, grpc.status.OK);
  },
  async empty_stream() {
    const { call, next, status } = duplex();
    call.end();
    assert.ok((await next()).end, 'no responses expected');
    assert.equal((await status).code, grpc.status.OK);
  },
  async cancel_after_begin() {
    const result = new Promise((resolve) => {
      const call = client.StreamingInputCall((error) => resolve(error));
      call.cancel();
    });
    assert.equal((await result)?.code, grpc.status.CANCELLED);
  },
  async cancel_after_first_response() {
    const { call, next } = duplex();
    call.write({ responseParameters: [{ size: 31415 }], payload: payload(27182) });
    assert.equal((await next()).data.payload.body.length, 31415);
    call.cancel();
    const item = await next();
    assert.equal(item.error?.code, grpc.status.CANCELLED);
  },
  async timeout_on_sleeping_server() {
    const { call, next } = duplex(new grpc.Metadata(), deadlineIn(1));
    call.write({ payload: payload(27182) });
    const item = await next();
    assert.equal(item.error?.code, grpc.status.DEADLINE_EXCEEDED);
  },
  async status_code_and_message() {
    const responseStatus = { code: 2, message: 'test status message' };
    await expectStatus(unary('UnaryCall', { responseStatus }), 2, 'test status message');
    const { call, next } = duplex();
    call.write({ responseStatus });
    call.end();
    const item = await next();
    assert.equal(item.error?.code, 2);
    assert.equal(item.error.details, 'test status message');
  },
  async special_status_message() {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \uD83D\uDE08\t\n';
    await expectStatus(unary('UnaryCall', { responseStatus: { code: 2, message } }), 2, message);
  },
  async custom_metadata() {
    const metadata = () => {
      const m = new grpc.Metadata();
      m.set('x-grpc-test-echo-initial', 'test_initial_metadata_value');
      m.set('x-grpc-test-echo-trailing-bin', Buffer.from([0xab, 0xab, 0xab]));
      return m;
    };
    const check = (initial, trailing) => {
      assert.deepEqual(initial.get('x-grpc-test-echo-initial'), ['test_initial_metadata_value']);
      assert.deepEqual(trailing.get('x-grpc-test-echo-trailing-bin'), [Buffer.from([0xab, 0xab, 0xab])]);
    };
    const { seen } = await unary('UnaryCall', { responseSize: 314159, payload: payload(271828) }, metadata());
    check(seen.initial, seen.trailing);
    const { call, next, status, meta } = duplex(metadata());
    call.write({ responseParameters: [{ size: 314159 }], payload: payload(271828) });
    assert.equal((await next()).data.payload.body.length, 314159);
    call.end();
    assert.ok((await next()).end);
    check(await meta, (await status).metadata);
  },
  async unimplemented_method() {
    await expectStatus(unary('UnimplementedCall', {}), grpc.status.UNIMPLEMENTED);
  },
  async unimplemented_service() {
    const other = new testing.UnimplementedService(target, credentials);
    const call = new Promise((resolve, reject) => other.UnimplementedCall({}, (e, r) => (e ? reject(e) : resolve(r))));
    await expectStatus(call, grpc.status.UNIMPLEMENTED);
    other.close();
  },
};

const run = cases[args.case];
if (!run) { console.error(`unknown case ${args.case}`); process.exit(2); }
try {
  await run();
  console.log(`PASS ${args.case}`);
  client.close();
  process.exit(0);
} catch (error) {
  console.error(`FAIL ${args.case}: ${error?.stack ?? error}`);
  process.exit(1);
}

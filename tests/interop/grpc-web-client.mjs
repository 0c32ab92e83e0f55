// gRPC-Web client cases on @connectrpc/connect-node's createGrpcWebTransport (binary
// application/grpc-web+proto over HTTP/1.1) against grpc.testing.TestService. Runs ONE case, exits 0 on
// success. The service is described at run time by a FileDescriptorSet (protoc --descriptor_set_out
// --include_imports), so no generated code is needed.
//   node tests/interop/grpc-web-client.mjs --port 8071 --case web_large_unary --descriptors interop.binpb
import { createClient, ConnectError, Code, encodeBinaryHeader, decodeBinaryHeader } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean)
  .map((pair) => pair.trim().split(/\s+/)));
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(args.descriptors)));
const transport = createGrpcWebTransport({ baseUrl: `http://127.0.0.1:${args.port}`, httpVersion: '1.1' });
const service = (name) => createClient(registry.getService(name), transport);
const test = service('grpc.testing.TestService');

const payload = (n) => ({ body: new Uint8Array(n) });
const SPECIAL = '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \uD83D\uDE08\t\n';

async function expectError(promise, code, message) {
  try {
    await promise;
  } catch (error) {
    const e = ConnectError.from(error);
    assert.equal(e.code, code, `code (${e.rawMessage})`);
    if (message !== undefined) assert.equal(e.rawMessage, message);
    return;
  }
  assert.fail(`expected code ${code}, call succeeded`);
}

async function collect(stream) {
  const sizes = [];
  for await (const response of stream) sizes.push(response.payload.body.length);
  return sizes;
}

const cases = {
  async web_empty_unary() {
    await test.emptyCall({});
  },
  async web_large_unary() {
    const response = await test.unaryCall({ responseSize: 314159, payload: payload(271828) });
    assert.equal(response.payload.body.length, 314159);
    assert.ok(response.payload.body.every((b) => b === 0));
  },
  async web_server_streaming() {
    const sizes = [31415, 9, 2653, 58979];
    assert.deepEqual(await collect(test.streamingOutputCall({ responseParameters: sizes.map((size) => ({ size })) })), sizes);
  },
  async web_status_code_and_message() {
    await expectError(test.unaryCall({ responseStatus: { code: 2, message: 'test status message' } }),
      Code.Unknown, 'test status message');
  },
  async web_special_status_message() {
    await expectError(test.unaryCall({ responseStatus: { code: 2, message: SPECIAL } }), Code.Unknown, SPECIAL);
  },
  async web_server_streaming_error_after_messages() {
    // Two messages, then the status the request asked for, in the trailer frame.
    const stream = test.streamingOutputCall({ responseParameters: [{ size: 3 }, { size: 5 }] });
    assert.deepEqual(await collect(stream), [3, 5]);
    const failing = test.streamingOutputCall({ responseStatus: { code: 9, message: 'precondition' } });
    await expectError(collect(failing), Code.FailedPrecondition, 'precondition');
  },
  async web_deadline_exceeded() {
    const slow = test.streamingOutputCall(
      { responseParameters: [{ size: 1, intervalUs: 5_000_000 }] }, { timeoutMs: 300 });
    await expectError(collect(slow), Code.DeadlineExceeded);
  },
  async web_custom_metadata() {
    let header; let trailer;
    const headers = { 'x-grpc-test-echo-initial': 'test_initial_metadata_value',
      'x-grpc-test-echo-trailing-bin': encodeBinaryHeader(new Uint8Array([0xab, 0xab, 0xab])) };
    const response = await test.unaryCall({ responseSize: 10 },
      { headers, onHeader: (h) => { header = h; }, onTrailer: (t) => { trailer = t; } });
    assert.equal(response.payload.body.length, 10);
    assert.equal(header.get('x-grpc-test-echo-initial'), 'test_initial_metadata_value');
    assert.deepEqual([...decodeBinaryHeader(trailer.get('x-grpc-test-echo-trailing-bin'))], [0xab, 0xab, 0xab]);
  },
  async web_unimplemented_method() {
    await expectError(test.unimplementedCall({}), Code.Unimplemented);
  },
  async web_unimplemented_service() {
    await expectError(service('grpc.testing.UnimplementedService').unimplementedCall({}), Code.Unimplemented);
  },
};

const run = cases[args.case];
if (!run) { console.error(`unknown case ${args.case}`); process.exit(2); }
try {
  await run();
  console.log(`PASS ${args.case}`);
  process.exit(0);
} catch (error) {
  console.error(`FAIL ${args.case}: ${error?.stack ?? error}`);
  process.exit(1);
}

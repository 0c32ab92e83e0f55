/**
 * The Connect client of webdevsync.v1.WebDevSync for the gRPC-Web transport,
 * speaking the library's JSON message objects. Loaded lazily by grpc-web.js;
 * build.mjs bundles it (with Connect and the generated code) on its own as
 * lib/grpc-web-client.js, so it is only fetched when a page picks 'grpc-web'.
 */

import { createClient } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import { WebDevSync as WebDevSyncService } from '../../gen/webdevsync/v1/webdevsync_pb.js';
import { fromProtoServerMessage, toProtoClientMessage } from './grpc-web-messages.js';

/**
 * @param {string} baseUrl e.g. https://example.com (the service paths hang off its root)
 * @returns {{
 *   subscribe(connect: object, options: { headers: object, signal: AbortSignal }): AsyncIterable<object>,
 *   send(message: object, options: { headers: object, signal: AbortSignal }): Promise<void>,
 *   sendWhileUnloading(message: object, options: { headers: object }): Promise<void>,
 * }}
 */
export function createRelayClient(baseUrl) {
  // Binary protobuf framing (application/grpc-web+proto), the form the relay serves.
  const client = createClient(WebDevSyncService, createGrpcWebTransport({ baseUrl, useBinaryFormat: true }));
  // A keepalive fetch is not cancelled when the page unloads (its body is at most 64 KiB: small messages only).
  const keepalive = (input, init) => globalThis.fetch(input, { ...init, keepalive: true });
  const unloading = createClient(WebDevSyncService, createGrpcWebTransport({ baseUrl, useBinaryFormat: true, fetch: keepalive }));
  return {
    async *subscribe(connect, options) {
      for await (const message of client.subscribe(toProtoClientMessage(connect), options)) {
        const json = fromProtoServerMessage(message);
        if (json !== undefined) yield json;
      }
    },
    async send(message, options) {
      await client.send(toProtoClientMessage(message), options);
    },
    async sendWhileUnloading(message, options) {
      await unloading.send(toProtoClientMessage(message), options);
    },
  };
}

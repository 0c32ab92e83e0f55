// A scripted agent on native gRPC (@grpc/grpc-js): answers each edit_request with one code_update
// whose code is the request's code upper-cased. Prints "ready" once acknowledged.
import grpc from '@grpc/grpc-js';
import loader from '@grpc/proto-loader';
const [server, user, proto] = process.argv.slice(2);
const { webdevsync } = grpc.loadPackageDefinition(loader.loadSync(proto, { defaults: true, oneofs: true, longs: Number }));
const call = new webdevsync.v1.WebDevSync(server, grpc.credentials.createInsecure()).Connect();
call.on('data', (m) => {
  if (m.body === 'connectionAck') console.log('ready');
  if (m.body === 'editRequest') call.write({ codeUpdate: { sessionId: m.editRequest.sessionId, code: m.editRequest.code.toUpperCase() } });
});
call.on('error', (e) => { console.error('error', e.code, e.details); process.exit(1); });
call.write({ connectionId: `grpc-js-agent-${process.pid}`, userId: user, desktopConnect: {} });

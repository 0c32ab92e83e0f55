// A tab on native gRPC that sends its edit request and then half-closes its side of Connect
// (call.end()): it must still receive the agent's update. Prints "update: <code>" and exits.
import grpc from '@grpc/grpc-js';
import loader from '@grpc/proto-loader';
const [server, user, proto] = process.argv.slice(2);
const { webdevsync } = grpc.loadPackageDefinition(loader.loadSync(proto, { defaults: true, oneofs: true, longs: Number }));
const call = new webdevsync.v1.WebDevSync(server, grpc.credentials.createInsecure()).Connect();
call.on('data', (m) => {
  if (m.body === 'desktopStatus' && m.desktopStatus.connected) {
    call.write({ editRequest: { sessionId: 'half-close-session', textareaId: 't', code: 'draft', fileType: 'txt' } });
    call.end();
    console.log('half-closed');
  }
  if (m.body === 'codeUpdate') { console.log(`update: ${m.codeUpdate.code}`); process.exit(0); }
});
call.on('error', (e) => { console.error('error', e.code, e.details); process.exit(1); });
call.write({ connectionId: `half-close-${process.pid}`, userId: user, browserConnect: {} });

# A scripted agent on native gRPC (Debian's python3-grpcio): answers each edit_request with one
# code_update whose code is the request's code upper-cased. Prints "ready" once acknowledged.
import os, queue, subprocess, sys, tempfile
import grpc

server, user, proto_root = sys.argv[1:4]
out = tempfile.mkdtemp(prefix="wds-pb-")
subprocess.run(["protoc", f"-I{proto_root}", f"--python_out={out}", "webdevsync/v1/webdevsync.proto"], check=True)
sys.path.insert(0, out)
from webdevsync.v1 import webdevsync_pb2 as pb  # noqa: E402

outgoing = queue.Queue()
outgoing.put(pb.ClientMessage(connection_id=f"python-agent-{os.getpid()}", user_id=user, desktop_connect=pb.DesktopConnect()))

def requests():
    while (m := outgoing.get()) is not None:
        yield m

connect = grpc.insecure_channel(server).stream_stream(
    "/webdevsync.v1.WebDevSync/Connect", request_serializer=pb.ClientMessage.SerializeToString, response_deserializer=pb.ServerMessage.FromString)
for m in connect(requests()):
    kind = m.WhichOneof("body")
    if kind == "connection_ack":
        print("ready", flush=True)
    elif kind == "edit_request":
        outgoing.put(pb.ClientMessage(code_update=pb.CodeUpdate(session_id=m.edit_request.session_id, code=m.edit_request.code.upper())))

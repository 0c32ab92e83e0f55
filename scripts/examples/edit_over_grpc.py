#!/usr/bin/python3
"""Opens a snippet in your editor through a WebDevSync relay over native gRPC and prints every save.

    /usr/bin/python3 scripts/examples/edit_over_grpc.py [--server 127.0.0.1:8072] [--user alice]
                                                         [--token JWT] [--type py] FILE

Connects as a "browser" on the bidirectional Connect stream, sends an edit_request with FILE's
content, then prints each code_update the agent sends back until the session is closed or Ctrl-C.
Needs Debian's python3-grpcio and python3-protobuf, and protoc (protobuf-compiler): the message
classes are generated from proto/webdevsync/v1/webdevsync.proto into a temporary folder at start.
Run it with /usr/bin/python3 (another python3 on PATH may not see Debian's packages).
"""
import argparse, os, queue, subprocess, sys, tempfile, uuid

import grpc

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "proto"))


def load_messages():
    out = tempfile.mkdtemp(prefix="webdevsync-pb-")
    subprocess.run(["protoc", f"-I{PROTO_ROOT}", f"--python_out={out}", "webdevsync/v1/webdevsync.proto"], check=True)
    sys.path.insert(0, out)
    from webdevsync.v1 import webdevsync_pb2  # noqa: E402 (generated just above)
    return webdevsync_pb2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--server", default="127.0.0.1:8072")
    p.add_argument("--user", default=os.environ.get("USER", "user"))
    p.add_argument("--token", default=os.environ.get("WEBDEVSYNC_TOKEN"))
    p.add_argument("--type", dest="file_type")
    p.add_argument("file")
    a = p.parse_args()
    pb = load_messages()

    channel = grpc.insecure_channel(a.server)
    connect = channel.stream_stream("/webdevsync.v1.WebDevSync/Connect",
                                    request_serializer=pb.ClientMessage.SerializeToString,
                                    response_deserializer=pb.ServerMessage.FromString)
    outgoing = queue.Queue()
    outgoing.put(pb.ClientMessage(connection_id=str(uuid.uuid4()), user_id=a.user, browser_connect=pb.BrowserConnect()))
    session_id = str(uuid.uuid4())
    metadata = [("authorization", f"Bearer {a.token}")] if a.token else None

    def requests():
        while (m := outgoing.get()) is not None:
            yield m

    responses = connect(requests(), metadata=metadata)
    try:
        for m in responses:
            kind = m.WhichOneof("body")
            if kind == "desktop_status":
                if not m.desktop_status.connected:
                    print(f"no agent connected for {a.user} - start one with scripts/agent", file=sys.stderr)
                    continue
                with open(a.file, encoding="utf-8") as f:
                    code = f.read()
                file_type = a.file_type or (os.path.splitext(a.file)[1][1:] or "txt")
                outgoing.put(pb.ClientMessage(edit_request=pb.EditRequest(
                    session_id=session_id, textarea_id=os.path.basename(a.file), code=code, file_type=file_type)))
                print(f"opened {a.file} in {a.user}'s editor; save to see updates here", file=sys.stderr)
            elif kind == "code_update":
                print(f"--- update #{m.code_update.seq} ({len(m.code_update.code)} chars)\n{m.code_update.code}", flush=True)
            elif kind == "session_closed":
                print(f"session closed: {m.session_closed.reason}", file=sys.stderr)
                outgoing.put(None)
                responses.cancel()  # the relay keeps a half-closed stream open for updates
                break
            elif kind == "error":
                print(f"error {pb.ErrorCode.Name(m.error.code)}: {m.error.message}", file=sys.stderr)
    except KeyboardInterrupt:
        outgoing.put(None)
    except grpc.RpcError as e:
        if e.code() == grpc.StatusCode.CANCELLED:
            return 0
        print(f"gRPC error {e.code().name}: {e.details()}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

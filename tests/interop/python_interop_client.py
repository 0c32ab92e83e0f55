#!/usr/bin/python3
"""Python grpcio (Debian's python3-grpcio) against the relay's webdevsync.v1.WebDevSync over h2c.
Runs ONE case and exits 0 on success (non-zero with a reason otherwise). The message classes are
generated from the published proto with Debian's protoc into a temporary folder:
  /usr/bin/python3 tests/interop/python_interop_client.py --server 127.0.0.1:8072 --case round_trip \
      [--token JWT --user NAME] [--max-bytes N]
"""
import argparse
import os
import queue
import subprocess
import sys
import tempfile
import threading

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONNECT = "/webdevsync.v1.WebDevSync/Connect"
BIG = 64 << 20


def load_messages():
    out = tempfile.mkdtemp(prefix="wds-pb-")
    subprocess.run(["protoc", f"-I{os.path.join(REPO, 'proto')}", f"--python_out={out}", "webdevsync/v1/webdevsync.proto"], check=True)
    sys.path.insert(0, out)
    from webdevsync.v1 import webdevsync_pb2
    return webdevsync_pb2


class Call:
    """A Connect call: put() sends, next_of() waits for a message of one oneof case, status() for the end."""

    def __init__(self, channel, token=None, timeout=None):
        self.outgoing = queue.Queue()
        self.incoming = queue.Queue()
        metadata = [("authorization", f"Bearer {token}")] if token else None
        stub = channel.stream_stream(CONNECT, request_serializer=pb.ClientMessage.SerializeToString,
                                     response_deserializer=pb.ServerMessage.FromString)
        self.responses = stub(iter(self.outgoing.get, None), metadata=metadata, timeout=timeout)
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        try:
            for message in self.responses:
                self.incoming.put(("data", message))
            self.incoming.put(("end", grpc.StatusCode.OK))
        except grpc.RpcError as error:
            self.incoming.put(("end", error.code()))

    def put(self, message):
        self.outgoing.put(message)

    def next_of(self, body):
        while True:
            kind, item = self.incoming.get(timeout=30)
            assert kind == "data", f"expected {body}, the call ended with {item}"
            if item.WhichOneof("body") == body:
                return item

    def status(self):
        while True:
            kind, item = self.incoming.get(timeout=30)
            if kind == "end":
                return item

    def cancel(self):
        self.responses.cancel()


def pair(channel, user):
    agent = Call(channel, args.token)
    agent.put(pb.ClientMessage(connection_id=f"agent-{user}", user_id=user, desktop_connect=pb.DesktopConnect()))
    agent.next_of("connection_ack")
    tab = Call(channel, args.token)
    tab.put(pb.ClientMessage(connection_id=f"tab-{user}", user_id=user, browser_connect=pb.BrowserConnect()))
    tab.next_of("connection_ack")
    assert tab.next_of("desktop_status").desktop_status.connected
    return agent, tab


def round_trip(channel, user, code):
    agent, tab = pair(channel, user)
    tab.put(pb.ClientMessage(edit_request=pb.EditRequest(session_id=f"s-{user}", textarea_id="t", code=code, file_type="py")))
    assert agent.next_of("edit_request").edit_request.code == code
    agent.put(pb.ClientMessage(code_update=pb.CodeUpdate(session_id=f"s-{user}", code=code + "!")))
    assert tab.next_of("code_update").code_update.code == code + "!"
    agent.cancel()
    tab.cancel()


def case_round_trip(channel):
    round_trip(channel, f"py-rt-{os.getpid()}", "hello ünïcode 🎉")


def case_large_message(channel):
    round_trip(channel, f"py-big-{os.getpid()}", "ü" * (1 << 20))


def case_oversized_message(channel):
    call = Call(channel, args.token)
    call.put(pb.ClientMessage(connection_id=f"agent-py-over-{os.getpid()}", user_id="py-over", desktop_connect=pb.DesktopConnect()))
    call.put(pb.ClientMessage(code_update=pb.CodeUpdate(session_id="s", code="x" * (args.max_bytes + 4096))))
    code = call.status()
    assert code == grpc.StatusCode.RESOURCE_EXHAUSTED, code
    round_trip(channel, f"py-after-over-{os.getpid()}", "still serving")


def case_deadline(channel):
    call = Call(channel, args.token, timeout=0.3)
    call.put(pb.ClientMessage(connection_id=f"agent-py-dl-{os.getpid()}", user_id="py-dl", desktop_connect=pb.DesktopConnect()))
    code = call.status()
    assert code == grpc.StatusCode.DEADLINE_EXCEEDED, code


def case_cancellation(channel):
    agent, tab = pair(channel, f"py-cancel-{os.getpid()}")
    agent.cancel()
    assert not tab.next_of("desktop_status").desktop_status.connected
    tab.cancel()


def case_metadata(channel):
    call = Call(channel, args.token)
    call.put(pb.ClientMessage(connection_id=f"agent-py-md-{os.getpid()}", user_id=args.user, desktop_connect=pb.DesktopConnect()))
    assert call.next_of("connection_ack").connection_ack.user_id == args.user
    call.cancel()
    for token in (None, "not.a.token"):
        refused = Call(channel, token)
        code = refused.status()
        assert code == grpc.StatusCode.UNAUTHENTICATED, code


def case_unimplemented(channel):
    try:
        channel.unary_unary("/webdevsync.v1.WebDevSync/NoSuchMethod")(b"", timeout=10)
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.UNIMPLEMENTED, error.code()
        return
    raise AssertionError("expected UNIMPLEMENTED, the call succeeded")


CASES = {name[len("case_"):]: f for name, f in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--token")
    parser.add_argument("--user")
    parser.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024)
    args = parser.parse_args()
    import grpc
    pb = load_messages()
    if args.case not in CASES:
        print(f"unknown case {args.case}", file=sys.stderr)
        sys.exit(2)
    options = [("grpc.max_receive_message_length", BIG), ("grpc.max_send_message_length", BIG)]
    with grpc.insecure_channel(args.server, options=options) as channel:
        CASES[args.case](channel)
    print(f"PASS {args.case}")

#!/usr/bin/python3
"""gRPC interop client on Python grpcio: runs ONE case of grpc/grpc doc/interop-test-descriptions.md
against grpc.testing.TestService and exits 0 on success (non-zero with a reason otherwise).

Run with Debian's interpreter (python3-grpcio, python3-protobuf), after generating the stubs:
  protoc --proto_path=tests/WebDevSync.Grpc.Tests/Protos --python_out=OUT --grpc_out=OUT \
      --plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin src/proto/grpc/testing/*.proto
  /usr/bin/python3 tests/interop/python_interop_client.py --port 8072 --case large_unary --stubs OUT
"""
import argparse
import queue
import sys

PING_PONG = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--stubs", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)
    global grpc, messages, empty, services
    import grpc
    from src.proto.grpc.testing import empty_pb2 as empty
    from src.proto.grpc.testing import messages_pb2 as messages
    from src.proto.grpc.testing import test_pb2_grpc as services

    with grpc.insecure_channel(f"127.0.0.1:{args.port}") as channel:
        case = CASES.get(args.case)
        if case is None:
            print(f"unknown case {args.case}", file=sys.stderr)
            return 2
        case(channel)
    print(f"PASS {args.case}")
    return 0


def payload(size):
    return messages.Payload(type=messages.COMPRESSABLE, body=b"\0" * size)


def stub(channel):
    return services.TestServiceStub(channel)


def expect_code(call, code, details=None):
    try:
        call()
    except grpc.RpcError as error:
        assert error.code() == code, f"expected {code}, got {error.code()}: {error.details()}"
        if details is not None:
            assert error.details() == details, repr(error.details())
        return
    raise AssertionError(f"expected {code}, call succeeded")


class RequestQueue:
    """A request iterator fed one message at a time, for ping-pong style calls."""

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, request):
        self._queue.put(request)

    def close(self):
        self._queue.put(None)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is None:
            raise StopIteration
        return item


def empty_unary(channel):
    response = stub(channel).EmptyCall(empty.Empty())
    assert response == empty.Empty()


def large_unary(channel):
    response = stub(channel).UnaryCall(messages.SimpleRequest(response_size=314159, payload=payload(271828)))
    assert response.payload.body == b"\0" * 314159


def client_streaming(channel):
    requests = (messages.StreamingInputCallRequest(payload=payload(n)) for n in (27182, 8, 1828, 45904))
    assert stub(channel).StreamingInputCall(requests).aggregated_payload_size == 74922


def server_streaming(channel):
    sizes = [31415, 9, 2653, 58979]
    request = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=n) for n in sizes])
    assert [len(r.payload.body) for r in stub(channel).StreamingOutputCall(request)] == sizes


def ping_pong(channel):
    requests = RequestQueue()
    responses = stub(channel).FullDuplexCall(requests)
    for response_size, request_size in PING_PONG:
        requests.send(messages.StreamingOutputCallRequest(
            response_parameters=[messages.ResponseParameters(size=response_size)], payload=payload(request_size)))
        assert len(next(responses).payload.body) == response_size
    requests.close()
    assert next(responses, None) is None
    assert responses.code() == grpc.StatusCode.OK


def empty_stream(channel):
    responses = stub(channel).FullDuplexCall(iter([]))
    assert list(responses) == []
    assert responses.code() == grpc.StatusCode.OK


def cancel_after_begin(channel):
    requests = RequestQueue()  # never sends anything
    future = stub(channel).StreamingInputCall.future(requests)
    future.cancel()
    assert future.cancelled()
    assert future.code() == grpc.StatusCode.CANCELLED


def cancel_after_first_response(channel):
    requests = RequestQueue()
    responses = stub(channel).FullDuplexCall(requests)
    requests.send(messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=31415)], payload=payload(27182)))
    assert len(next(responses).payload.body) == 31415
    responses.cancel()
    expect_code(lambda: next(responses), grpc.StatusCode.CANCELLED)
    requests.close()


def timeout_on_sleeping_server(channel):
    requests = RequestQueue()
    responses = stub(channel).FullDuplexCall(requests, timeout=0.001)
    requests.send(messages.StreamingOutputCallRequest(payload=payload(27182)))
    expect_code(lambda: next(responses), grpc.StatusCode.DEADLINE_EXCEEDED)
    requests.close()


def status_code_and_message(channel):
    status = messages.EchoStatus(code=2, message="test status message")
    expect_code(lambda: stub(channel).UnaryCall(messages.SimpleRequest(response_status=status)),
                grpc.StatusCode.UNKNOWN, "test status message")
    responses = stub(channel).FullDuplexCall(iter([messages.StreamingOutputCallRequest(response_status=status)]))
    expect_code(lambda: next(responses), grpc.StatusCode.UNKNOWN, "test status message")


def special_status_message(channel):
    status = messages.EchoStatus(code=2, message=SPECIAL_MESSAGE)
    expect_code(lambda: stub(channel).UnaryCall(messages.SimpleRequest(response_status=status)),
                grpc.StatusCode.UNKNOWN, SPECIAL_MESSAGE)


def custom_metadata(channel):
    metadata = (("x-grpc-test-echo-initial", "test_initial_metadata_value"),
                ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab"))

    def check(call):
        assert ("x-grpc-test-echo-initial", "test_initial_metadata_value") in call.initial_metadata(), \
            call.initial_metadata()
        assert ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab") in call.trailing_metadata(), \
            call.trailing_metadata()

    request = messages.SimpleRequest(response_size=314159, payload=payload(271828))
    response, call = stub(channel).UnaryCall.with_call(request, metadata=metadata)
    assert len(response.payload.body) == 314159
    check(call)
    streaming = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=314159)], payload=payload(271828))
    responses = stub(channel).FullDuplexCall(iter([streaming]), metadata=metadata)
    assert [len(r.payload.body) for r in responses] == [314159]
    check(responses)


def unimplemented_method(channel):
    expect_code(lambda: stub(channel).UnimplementedCall(empty.Empty()), grpc.StatusCode.UNIMPLEMENTED)


def unimplemented_service(channel):
    other = services.UnimplementedServiceStub(channel)
    expect_code(lambda: other.UnimplementedCall(empty.Empty()), grpc.StatusCode.UNIMPLEMENTED)


CASES = {f.__name__: f for f in (
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream, cancel_after_begin,
    cancel_after_first_response, timeout_on_sleeping_server, status_code_and_message, special_status_message,
    custom_metadata, unimplemented_method, unimplemented_service)}

if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # report, don't crash with a bare traceback only
        import traceback
        traceback.print_exc()
        print(f"FAIL {error!r}", file=sys.stderr)
        sys.exit(1)

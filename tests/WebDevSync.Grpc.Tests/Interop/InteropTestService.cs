using Google.Protobuf;
using Grpc.Testing;

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>
/// grpc.testing.TestService, server side, as grpc/grpc doc/interop-test-descriptions.md asks of a test
/// server: payloads of the requested sizes, echoed status and metadata, response intervals.
/// UnimplementedCall is deliberately left out so the catch-all answers it.
/// </summary>
public static class InteropTestService
{
    public const string EchoInitialKey = "x-grpc-test-echo-initial";
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    public static GrpcServiceDefinition Build() => new GrpcServiceBuilder("grpc.testing.TestService")
        .Unary("EmptyCall", Empty.Parser, (Empty _, GrpcCallContext _) => Task.FromResult(new Empty()))
        .Unary<SimpleRequest, SimpleResponse>("UnaryCall", SimpleRequest.Parser, UnaryCall)
        .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", StreamingOutputCallRequest.Parser, StreamingOutputCall)
        .ClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", StreamingInputCallRequest.Parser, StreamingInputCall)
        .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", StreamingOutputCallRequest.Parser, FullDuplexCall)
        .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("HalfDuplexCall", StreamingOutputCallRequest.Parser, HalfDuplexCall)
        .Build();

    private static Task<SimpleResponse> UnaryCall(SimpleRequest request, GrpcCallContext context)
    {
        EchoMetadata(context);
        ThrowIfStatusRequested(request.ResponseStatus);
        return Task.FromResult(new SimpleResponse { Payload = Zeros(request.ResponseSize) });
    }

    private static async Task StreamingOutputCall(StreamingOutputCallRequest request,
        GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context)
    {
        await RespondAsync(request, responses, context);
    }

    private static async Task<StreamingInputCallResponse> StreamingInputCall(
        GrpcRequestStream<StreamingInputCallRequest> requests, GrpcCallContext context)
    {
        var total = 0;
        await foreach (var request in requests) total += request.Payload?.Body.Length ?? 0;
        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private static async Task FullDuplexCall(GrpcRequestStream<StreamingOutputCallRequest> requests,
        GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context)
    {
        EchoMetadata(context);
        await foreach (var request in requests) await RespondAsync(request, responses, context);
    }

    private static async Task HalfDuplexCall(GrpcRequestStream<StreamingOutputCallRequest> requests,
        GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context)
    {
        var buffered = new List<StreamingOutputCallRequest>();
        await foreach (var request in requests) buffered.Add(request);
        foreach (var request in buffered) await RespondAsync(request, responses, context);
    }

    private static async Task RespondAsync(StreamingOutputCallRequest request,
        GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context)
    {
        ThrowIfStatusRequested(request.ResponseStatus);
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs > 0)
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) });
        }
    }

    private static void EchoMetadata(GrpcCallContext context)
    {
        var initial = context.RequestHeaders[EchoInitialKey].ToString();
        if (initial.Length > 0) context.ResponseHeaders[EchoInitialKey] = initial;
        var trailing = context.RequestHeaders[EchoTrailingKey].ToString();
        if (trailing.Length > 0) context.ResponseTrailers.Add(new(EchoTrailingKey, trailing));
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 }) throw new GrpcException((GrpcStatusCode)status.Code, status.Message);
    }

    private static Payload Zeros(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
}

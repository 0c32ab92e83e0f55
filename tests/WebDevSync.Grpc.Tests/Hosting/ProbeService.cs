using Grpc.Testing;

namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>
/// A test-only service (reusing the interop messages) for guarantees the interop cases do not reach:
/// early response headers, many concurrent writers on one response, a crashing handler, an idle stream.
/// </summary>
public static class ProbeService
{
    public const string Name = "wire.test.Probe";

    public static GrpcServiceDefinition Build() => new GrpcServiceBuilder(Name)
        .ServerStreaming<Empty, StreamingOutputCallResponse>("Subscribe", Empty.Parser, SubscribeAsync)
        .ServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("ConcurrentWrites", StreamingOutputCallRequest.Parser, ConcurrentWritesAsync)
        .Unary<Empty, Empty>("Crash", Empty.Parser, (_, _) => throw new InvalidOperationException("handler bug"))
        .DuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("Echo", StreamingOutputCallRequest.Parser, EchoAsync)
        .ClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("SwallowReadErrors", StreamingInputCallRequest.Parser, SwallowReadErrorsAsync)
        .Build();

    /// <summary>A careless handler: ignores a broken request stream and returns as if all went well.</summary>
    private static async Task<StreamingInputCallResponse> SwallowReadErrorsAsync(
        GrpcRequestStream<StreamingInputCallRequest> requests, GrpcCallContext context)
    {
        try
        {
            await foreach (var _ in requests) { }
        }
        catch (GrpcException) { }
        return new StreamingInputCallResponse();
    }

    /// <summary>Opens the call (headers out at once), then sends nothing until the client goes away.</summary>
    private static async Task SubscribeAsync(Empty _, GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context)
    {
        await context.WriteResponseHeadersAsync();
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }

    /// <summary>Each requested response is written by its own task, all at once.</summary>
    private static Task ConcurrentWritesAsync(StreamingOutputCallRequest request,
        GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context) =>
        Task.WhenAll(request.ResponseParameters.Select(p => Task.Run(() => responses.WriteAsync(
            new StreamingOutputCallResponse { Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[p.Size]) } }))));

    /// <summary>Answers every request with one response of the first requested size.</summary>
    private static async Task EchoAsync(GrpcRequestStream<StreamingOutputCallRequest> requests,
        GrpcResponseStream<StreamingOutputCallResponse> responses, GrpcCallContext context)
    {
        await foreach (var request in requests)
            await responses.WriteAsync(new StreamingOutputCallResponse
            {
                Payload = new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[request.ResponseParameters[0].Size]) },
            });
    }
}

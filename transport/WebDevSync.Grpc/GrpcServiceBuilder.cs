using Google.Protobuf;
using WebDevSync.Grpc.Server;

namespace WebDevSync.Grpc;

/// <summary>
/// Registers a service's methods by name with typed handlers. Example:
/// <code>
/// var service = new GrpcServiceBuilder("grpc.testing.TestService")
///     .Unary("EmptyCall", Empty.Parser, (request, context) => Task.FromResult(new Empty()))
///     .DuplexStreaming("FullDuplexCall", StreamingOutputCallRequest.Parser, FullDuplexAsync)
///     .Build();
/// app.MapGrpcService(service);
/// </code>
/// </summary>
public sealed class GrpcServiceBuilder(string serviceName)
{
    private readonly List<GrpcMethodDefinition> _methods = [];

    public GrpcServiceBuilder Unary<TRequest, TResponse>(string name, MessageParser<TRequest> parser,
        Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        Add(name, GrpcMethodKind.Unary, async call =>
        {
            var request = await call.Reader.ReadSingleAsync(parser);
            var response = await handler(request, call.Context);
            await call.Writer.WriteMessageAsync(response, call.Context.CancellationToken);
        });

    public GrpcServiceBuilder ServerStreaming<TRequest, TResponse>(string name, MessageParser<TRequest> parser,
        Func<TRequest, GrpcResponseStream<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        Add(name, GrpcMethodKind.ServerStreaming, async call =>
        {
            var request = await call.Reader.ReadSingleAsync(parser);
            await handler(request, Responses<TResponse>(call), call.Context);
        });

    public GrpcServiceBuilder ClientStreaming<TRequest, TResponse>(string name, MessageParser<TRequest> parser,
        Func<GrpcRequestStream<TRequest>, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        Add(name, GrpcMethodKind.ClientStreaming, async call =>
        {
            var response = await handler(new GrpcRequestStream<TRequest>(call.Reader, parser), call.Context);
            await call.Writer.WriteMessageAsync(response, call.Context.CancellationToken);
        });

    public GrpcServiceBuilder DuplexStreaming<TRequest, TResponse>(string name, MessageParser<TRequest> parser,
        Func<GrpcRequestStream<TRequest>, GrpcResponseStream<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse> =>
        Add(name, GrpcMethodKind.DuplexStreaming, call =>
            handler(new GrpcRequestStream<TRequest>(call.Reader, parser), Responses<TResponse>(call), call.Context));

    public GrpcServiceDefinition Build() => new(serviceName, _methods.ToArray());

    private static GrpcResponseStream<T> Responses<T>(ServerCall call) where T : IMessage<T> =>
        new(call.Writer, call.Context.CancellationToken);

    private GrpcServiceBuilder Add(string name, GrpcMethodKind kind, Func<ServerCall, Task> invoke)
    {
        if (_methods.Exists(m => m.Name == name))
            throw new ArgumentException($"Method {name} is already registered on {serviceName}.", nameof(name));
        _methods.Add(new GrpcMethodDefinition(serviceName, name, kind, invoke));
        return this;
    }
}

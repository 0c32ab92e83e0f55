using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace WebDevSync.Server.GrpcApi;

/// <summary>
/// The one error boundary of every call. Failures a peer can cause are statuses already
/// (<see cref="RpcException"/>) or the call's cancellation; anything else is a bug: logged once with
/// the method's name, and the caller gets INTERNAL. grpc-dotnet's own per-call log (which would log a
/// peer's unparsable message as an error, with a stack trace) is filtered out in <see cref="GrpcHosting"/>.
/// </summary>
internal sealed class CallErrorBoundary(ILogger<CallErrorBoundary> log) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (IsBug(e, context))
        {
            throw Internal(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (IsBug(e, context))
        {
            throw Internal(e, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (IsBug(e, context))
        {
            throw Internal(e, context);
        }
    }

    private static bool IsBug(Exception e, ServerCallContext context) =>
        e is not RpcException && !(e is OperationCanceledException or IOException && context.CancellationToken.IsCancellationRequested);

    private RpcException Internal(Exception e, ServerCallContext context)
    {
        GrpcLog.CallFailed(log, e, context.Method);
        return new RpcException(new Status(StatusCode.Internal, "internal error"));
    }
}

using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Grpc;
using WebDevSync.Proto;
using WebDevSync.Server.Relay;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Server.GrpcApi;

/// <summary>
/// A gRPC response stream as a relay link: the same bounded, coalescing queue as a WebSocket, written
/// by one pump. When the relay closes the link, <see cref="Closed"/> completes with the reason and
/// the call ends with the matching status.
/// </summary>
internal sealed class GrpcLink(ConnId id, GrpcResponseStream<V1.ServerMessage> responses, int queueLimit, ILogger log) : OutboundPump(queueLimit), IClientLink
{
    private readonly TaskCompletionSource<LinkClose> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConnId Id { get; } = id;

    public Task<LinkClose> Closed => _closed.Task;

    public void Deliver(ServerMessage message)
    {
        if (Push(message) != EnqueueResult.Overflow) return;
        Log.SlowReader(log, Id.ToString());
        Close(LinkClose.SlowReader);
    }

    public void Close(LinkClose reason)
    {
        if (_closed.TrySetResult(reason)) Complete(discard: true);
    }

    /// <summary>The call is over: stop the pump.</summary>
    public void Finish() => Close(LinkClose.Normal);

    protected override ValueTask<bool> WriteAsync(ServerMessage message) => new(responses.TryWriteAsync(ProtoMapping.ToProto(message)));

    /// <summary>How a relay-side close ends the call.</summary>
    public static GrpcStatus StatusOf(LinkClose reason) => reason.Status switch
    {
        1000 => GrpcStatus.Ok,
        4001 => new GrpcStatus(GrpcStatusCode.Aborted, reason.Text),
        1008 => new GrpcStatus(GrpcStatusCode.ResourceExhausted, reason.Text),
        _ => new GrpcStatus(GrpcStatusCode.Unavailable, reason.Text),
    };
}

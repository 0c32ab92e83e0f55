using Grpc.Core;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Proto;
using WebDevSync.Server.Relay;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Server.GrpcApi;

/// <summary>
/// A gRPC response stream as a relay link: the same bounded, coalescing queue as a WebSocket, written
/// by one pump (grpc-dotnet allows one write at a time). When the relay closes the link,
/// <see cref="Closed"/> completes with the reason and the call ends with the matching status.
/// </summary>
internal sealed class GrpcLink(ConnId id, IServerStreamWriter<V1.ServerMessage> responses, int queueLimit, ILogger log) : OutboundPump(queueLimit), IClientLink
{
    private readonly TaskCompletionSource<LinkClose> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConnId Id { get; } = id;

    public Task<LinkClose> Closed => _closed.Task;

    /// <summary>
    /// Told of each <c>connection_ack</c> before it is queued, so whatever it registers is in place before
    /// the client can read the ack. The router sends one only for a connect it accepted
    /// (<see cref="Effect.Accepted"/>), whichever router or cluster node routed it.
    /// </summary>
    public Action<ServerMessage.ConnectionAck>? Acknowledged { get; set; }

    public void Deliver(ServerMessage message)
    {
        if (message is ServerMessage.ConnectionAck ack) Acknowledged?.Invoke(ack);
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

    protected override async ValueTask<bool> WriteAsync(ServerMessage message)
    {
        try
        {
            await responses.WriteAsync(ProtoMapping.ToProto(message)).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // the call already ended (the client went away); the reader routes the disconnect
        }
    }

    /// <summary>How a relay-side close ends the call; agents take ABORTED as the WebSocket's 4001 (don't reconnect).</summary>
    public static Status StatusOf(LinkClose reason) => reason.Kind switch
    {
        LinkCloseKind.Normal => Status.DefaultSuccess,
        LinkCloseKind.Replaced => new Status(StatusCode.Aborted, reason.Text),
        LinkCloseKind.SlowReader or LinkCloseKind.Flooding => new Status(StatusCode.ResourceExhausted, reason.Text),
        LinkCloseKind.HandshakeTimeout => new Status(StatusCode.DeadlineExceeded, reason.Text),
        LinkCloseKind.Idle or LinkCloseKind.Shutdown => new Status(StatusCode.Unavailable, reason.Text),
        _ => new Status(StatusCode.Internal, reason.Text),
    };
}

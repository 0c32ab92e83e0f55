using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebDevSync.Json;
using WebDevSync.Proto;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Server.GrpcApi;

/// <summary>
/// <c>webdevsync.v1.WebDevSync</c> on grpc-dotnet: each streaming call becomes a relay link feeding the
/// same hub as the WebSocket adapter, so any mix of transports routes to each other. Framing, trailers,
/// gRPC-Web and deadlines are the framework's; this class admits calls and moves messages.
/// </summary>
internal sealed class RelayGrpcService(
    RelayHub hub, HandshakeGate gate, GrpcSubscriptions subscriptions, ServerOptions options, ILogger<RelayGrpcService> log,
    Cluster.ClusterGate? cluster = null, Cluster.ClusterSends? clusterSends = null)
    : V1.WebDevSync.WebDevSyncBase
{
    public override async Task Connect(IAsyncStreamReader<V1.ClientMessage> requestStream, IServerStreamWriter<V1.ServerMessage> responseStream, ServerCallContext context)
    {
        var user = await AdmitAsync(context);
        await WithLinkAsync(context, responseStream, async link =>
        {
            var reading = ReadAllAsync(requestStream, link, user, context.CancellationToken);
            await Task.WhenAny(reading, link.Closed);
            if (link.Closed.IsCompleted) return await link.Closed;
            await reading; // a bad frame (oversized, truncated, compressed) ends the call with its status
            // The client half-closed: it may still be waiting for updates, so only its going away
            // (the call's cancellation, not the end of the request stream) or the relay ends the call.
            return await UntilCancelledOrClosedAsync(link, context.CancellationToken);
        });
    }

    public override async Task Subscribe(V1.ClientMessage request, IServerStreamWriter<V1.ServerMessage> responseStream, ServerCallContext context)
    {
        var user = await AdmitAsync(context);
        if (request.BodyCase is not (V1.ClientMessage.BodyOneofCase.BrowserConnect or V1.ClientMessage.BodyOneofCase.DesktopConnect))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Subscribe starts with browser_connect or desktop_connect"));
        await WithLinkAsync(context, responseStream, async link =>
        {
            // The router decides first: only its connection_ack makes this call the id's, so a refused
            // connect (another user's connection id) never takes over that tab's Send routing.
            link.Acknowledged = ack => subscriptions.Add(ack.ConnectionId, new Subscription(link, user));
            try
            {
                Submit(link, request, user);
                return await UntilCancelledOrClosedAsync(link, context.CancellationToken);
            }
            finally
            {
                subscriptions.Remove(request.ConnectionId, link); // only if this call still owns it
            }
        });
    }

    public override async Task<V1.SendAck> Send(V1.ClientMessage request, ServerCallContext context)
    {
        var user = await AdmitAsync(context);
        if (subscriptions.Find(request.ConnectionId) is not { } sub)
        {
            if (clusterSends is null) throw NotFound();
            return await SendThroughClusterAsync(request, user);
        }
        if (sub.AuthUser != user) throw PermissionDenied();
        Submit(sub.Link, request, user);
        // In a cluster the user's grain steps it later: the ack waits for that, so a tab that awaits each
        // Send keeps its order even when the next one lands on another node.
        if (cluster is not null) await cluster.Flushed(sub.Link.Id);
        return new V1.SendAck();
    }

    /// <summary>A Send for a subscription another node holds: its user's grain routes it (gRPC-Web needs no sticky upstream).</summary>
    private async Task<V1.SendAck> SendThroughClusterAsync(V1.ClientMessage request, string? user) =>
        await clusterSends!.SendAsync(request.ConnectionId, user, ProtoMapping.ToCore(request, options.MaxMessageBytes)) switch
        {
            Cluster.SendVerdict.Routed => new V1.SendAck(),
            Cluster.SendVerdict.PermissionDenied => throw PermissionDenied(),
            null => throw new RpcException(new Status(StatusCode.ResourceExhausted, "too many messages for this connection_id; slow down")),
            _ => throw NotFound(),
        };

    private static RpcException NotFound() => new(new Status(StatusCode.NotFound, "no open subscription with that connection_id"));

    private static RpcException PermissionDenied() => new(new Status(StatusCode.PermissionDenied, "the subscription belongs to another user"));

    /// <summary>
    /// One link per streaming call, counted against the caller's address like a WebSocket: attached to
    /// the hub, its writer running, and routed as one <c>Disconnected</c> at the end however the call ends
    /// (half-close and cancel, reset stream, deadline, relay close).
    /// </summary>
    private async Task WithLinkAsync(ServerCallContext call, IServerStreamWriter<V1.ServerMessage> responses, Func<GrpcLink, Task<LinkClose>> body)
    {
        var http = call.GetHttpContext();
        if (!gate.TryCount(http)) throw new RpcException(new Status(StatusCode.ResourceExhausted, "too many connections from this address"));
        var link = new GrpcLink(hub.NextId(), responses, options.OutboundQueueLimit, log);
        LinkClose end;
        try
        {
            // Headers now, so the client sees the call open before the first message; a status after
            // this point travels in the trailers (the gRPC-Web trailer frame).
            await call.WriteResponseHeadersAsync([]);
            hub.Attach(link);
            try
            {
                end = await body(link);
            }
            finally
            {
                hub.Disconnect(link.Id);
                link.Finish();
                await link.Finished;
            }
        }
        finally
        {
            gate.Uncount(http);
        }
        if (GrpcLink.StatusOf(end) is { StatusCode: not StatusCode.OK } status) throw new RpcException(status);
    }

    private async Task ReadAllAsync(IAsyncStreamReader<V1.ClientMessage> requests, GrpcLink link, string? user, CancellationToken ct)
    {
        while (await MoveNextAsync(requests, ct)) Submit(link, requests.Current, user);
    }

    /// <summary>
    /// The next request message, or false at the end of the stream or when the client went away
    /// (cancel, reset stream, deadline: the disconnect is routed when the call ends). A stream that
    /// cannot be read (an unparsable message, a length past 2 GiB) ends the call with INTERNAL, gRPC's
    /// code for a request the server cannot read.
    /// </summary>
    private static async Task<bool> MoveNextAsync(IAsyncStreamReader<V1.ClientMessage> requests, CancellationToken ct)
    {
        try
        {
            return await requests.MoveNext(ct);
        }
        catch (Exception e) when (e is not RpcException)
        {
            if (ct.IsCancellationRequested) return false;
            throw new RpcException(new Status(StatusCode.Internal, "cannot read the request stream"));
        }
    }

    private static async Task<LinkClose> UntilCancelledOrClosedAsync(GrpcLink link, CancellationToken ct)
    {
        var cancelled = new TaskCompletionSource();
        await using var _ = ct.Register(() => cancelled.TrySetResult());
        await Task.WhenAny(cancelled.Task, link.Closed);
        return link.Closed.IsCompleted ? await link.Closed : LinkClose.Normal;
    }

    private void Submit(GrpcLink link, V1.ClientMessage message, string? user) =>
        hub.Submit(link.Id, ProtoMapping.ToCore(message, options.MaxMessageBytes), user);

    /// <summary>
    /// The WebSocket handshake's check, once per call, on the call's metadata (<c>authorization: Bearer</c>,
    /// origin, host): UNAUTHENTICATED or PERMISSION_DENIED before anything is routed.
    /// </summary>
    private async Task<string?> AdmitAsync(ServerCallContext call) =>
        (await gate.AdmitAsync(call.GetHttpContext())).Fold(
            a => a.Caller?.UserId,
            r => throw new RpcException(new Status(r.Status == StatusCodes.Status403Forbidden ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, r.Reason)));
}

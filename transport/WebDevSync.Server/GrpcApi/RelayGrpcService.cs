using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebDevSync.Grpc;
using WebDevSync.Json;
using WebDevSync.Proto;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Server.GrpcApi;

/// <summary>
/// <c>webdevsync.v1.WebDevSync</c> on the generic gRPC layer: each call becomes a relay link feeding
/// the same hub as the WebSocket adapter, so any mix of transports routes to each other.
/// </summary>
internal sealed class RelayGrpcService(RelayHub hub, HandshakeGate gate, GrpcSubscriptions subscriptions, ServerOptions options, ILogger<RelayGrpcService> log)
{
    public const string ServiceName = "webdevsync.v1.WebDevSync";

    public GrpcServiceDefinition Definition() => new GrpcServiceBuilder(ServiceName)
        .DuplexStreaming<V1.ClientMessage, V1.ServerMessage>("Connect", V1.ClientMessage.Parser, ConnectAsync)
        .ServerStreaming<V1.ClientMessage, V1.ServerMessage>("Subscribe", V1.ClientMessage.Parser, SubscribeAsync)
        .Unary<V1.ClientMessage, V1.SendAck>("Send", V1.ClientMessage.Parser, SendAsync)
        .Build();

    private async Task ConnectAsync(GrpcRequestStream<V1.ClientMessage> requests, GrpcResponseStream<V1.ServerMessage> responses, GrpcCallContext call)
    {
        var user = await AdmitAsync(call);
        await WithLinkAsync(call, responses, async link =>
        {
            var reading = ReadAllAsync(requests, link, user, call.CancellationToken);
            await Task.WhenAny(reading, link.Closed);
            if (link.Closed.IsCompleted) return await link.Closed;
            await reading; // a bad frame ends the call with its status
            // The client half-closed: it may still be waiting for updates, so only its going away
            // (RequestAborted, not the end of the body) or the relay ends the call.
            return await UntilCancelledOrClosedAsync(link, call.CancellationToken);
        });
    }

    private async Task SubscribeAsync(V1.ClientMessage first, GrpcResponseStream<V1.ServerMessage> responses, GrpcCallContext call)
    {
        var user = await AdmitAsync(call);
        if (first.BodyCase is not (V1.ClientMessage.BodyOneofCase.BrowserConnect or V1.ClientMessage.BodyOneofCase.DesktopConnect))
            throw new GrpcException(GrpcStatusCode.InvalidArgument, "Subscribe starts with browser_connect or desktop_connect");
        await WithLinkAsync(call, responses, async link =>
        {
            subscriptions.Add(first.ConnectionId, new Subscription(link, user));
            try
            {
                Submit(link, first, user);
                return await UntilCancelledOrClosedAsync(link, call.CancellationToken);
            }
            finally
            {
                subscriptions.Remove(first.ConnectionId, link);
            }
        });
    }

    private async Task<V1.SendAck> SendAsync(V1.ClientMessage message, GrpcCallContext call)
    {
        var user = await AdmitAsync(call);
        if (subscriptions.Find(message.ConnectionId) is not { } sub)
            throw new GrpcException(GrpcStatusCode.NotFound, "no open subscription with that connection_id");
        if (sub.AuthUser != user) throw new GrpcException(GrpcStatusCode.PermissionDenied, "the subscription belongs to another user");
        Submit(sub.Link, message, user);
        return new V1.SendAck();
    }

    /// <summary>One link per call: attached to the hub, its writer running, and routed as a disconnect at the end.</summary>
    private async Task WithLinkAsync(GrpcCallContext call, GrpcResponseStream<V1.ServerMessage> responses, Func<GrpcLink, Task<LinkClose>> body)
    {
        if (!gate.TryCount(call.HttpContext)) throw new GrpcException(GrpcStatusCode.ResourceExhausted, "too many connections from this address");
        var link = new GrpcLink(hub.NextId(), responses, options.OutboundQueueLimit, log);
        LinkClose end;
        try
        {
            await call.WriteResponseHeadersAsync();
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
            gate.Uncount(call.HttpContext);
        }
        if (GrpcLink.StatusOf(end) is { Code: not GrpcStatusCode.OK } status) throw new GrpcException(status);
    }

    private async Task ReadAllAsync(GrpcRequestStream<V1.ClientMessage> requests, GrpcLink link, string? user, CancellationToken ct)
    {
        try
        {
            while (await requests.ReadNextAsync() is { } message) Submit(link, message, user);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away; the disconnect is routed when the call ends.
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

    /// <summary>The gRPC form of the WebSocket handshake check: UNAUTHENTICATED or PERMISSION_DENIED before anything is routed.</summary>
    private async Task<string?> AdmitAsync(GrpcCallContext call) =>
        (await gate.AdmitAsync(call.HttpContext)).Fold(
            a => a.Caller?.UserId,
            r => throw new GrpcException(r.Status == StatusCodes.Status403Forbidden ? GrpcStatusCode.PermissionDenied : GrpcStatusCode.Unauthenticated, r.Reason));
}

using Grpc.Core;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Bench.Load;

/// <summary>
/// A benchmark client over gRPC-Web as a browser must use it (no streaming requests): a
/// <c>Subscribe</c> call carries the connect message and streams what the relay sends; each edit
/// request or code update is a unary <c>Send</c>, on HTTP/1.1 (Grpc.Net.Client.Web, binary mode).
/// </summary>
internal sealed class GrpcWebEnd(V1.WebDevSync.WebDevSyncClient client, EndRole role, PairIdentity id, int payloadBytes) : IClientEnd
{
    private readonly string _template = Stamp.TemplateCode(payloadBytes);
    private AsyncServerStreamingCall<V1.ServerMessage>? _subscription;

    public async Task ConnectAsync(CancellationToken ct)
    {
        _subscription = client.Subscribe(GrpcMessages.Connect(role, id));
        while (true)
        {
            if (!await _subscription.ResponseStream.MoveNext(ct)) throw new InvalidOperationException("Subscribe ended before connection_ack");
            if (_subscription.ResponseStream.Current.BodyCase == V1.ServerMessage.BodyOneofCase.ConnectionAck) return;
        }
    }

    public async ValueTask SendAsync(long stamp, CancellationToken ct) =>
        await client.SendAsync(GrpcMessages.Relayed(role, id, Stamp.Code(_template, stamp)), cancellationToken: ct);

    public async ValueTask<Inbound> ReceiveAsync(CancellationToken ct)
    {
        try
        {
            return await _subscription!.ResponseStream.MoveNext(ct) ? GrpcMessages.ToInbound(_subscription.ResponseStream.Current) : Inbound.Closed;
        }
        catch (RpcException) when (!ct.IsCancellationRequested)
        {
            return Inbound.Closed;
        }
    }

    public ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        return ValueTask.CompletedTask;
    }
}

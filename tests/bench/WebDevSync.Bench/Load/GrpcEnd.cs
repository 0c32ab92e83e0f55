using Grpc.Core;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Bench.Load;

/// <summary>A benchmark client over native gRPC: one <c>Connect</c> bidi stream (h2c) of the generated client, as the agent uses it.</summary>
internal sealed class GrpcEnd(V1.WebDevSync.WebDevSyncClient client, EndRole role, PairIdentity id, int payloadBytes) : IClientEnd
{
    private readonly string _template = Stamp.TemplateCode(payloadBytes);
    private AsyncDuplexStreamingCall<V1.ClientMessage, V1.ServerMessage>? _call;

    public async Task ConnectAsync(CancellationToken ct)
    {
        _call = client.Connect(); // outlives the connect phase's token; ended by DisposeAsync
        await _call.RequestStream.WriteAsync(GrpcMessages.Connect(role, id), ct);
        while (true)
        {
            if (!await _call.ResponseStream.MoveNext(ct)) throw new InvalidOperationException("Connect ended before connection_ack");
            var m = _call.ResponseStream.Current;
            if (m.BodyCase == V1.ServerMessage.BodyOneofCase.ConnectionAck) return;
            if (m.BodyCase == V1.ServerMessage.BodyOneofCase.Error) throw new InvalidOperationException("connect refused: " + m.Error.Message);
        }
    }

    public ValueTask SendAsync(long stamp, CancellationToken ct) =>
        new(_call!.RequestStream.WriteAsync(GrpcMessages.Relayed(role, id, Stamp.Code(_template, stamp)), ct));

    public async ValueTask<Inbound> ReceiveAsync(CancellationToken ct)
    {
        try
        {
            return await _call!.ResponseStream.MoveNext(ct) ? GrpcMessages.ToInbound(_call.ResponseStream.Current) : Inbound.Closed;
        }
        catch (RpcException) when (!ct.IsCancellationRequested)
        {
            return Inbound.Closed;
        }
    }

    public ValueTask DisposeAsync()
    {
        _call?.Dispose();
        return ValueTask.CompletedTask;
    }
}

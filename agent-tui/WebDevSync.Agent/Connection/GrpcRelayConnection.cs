using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Grpc;
using WebDevSync.Grpc.Client;
using WebDevSync.Json;
using WebDevSync.Proto;
using static LanguageExt.Prelude;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Agent.Connection;

/// <summary>
/// The protocol over native gRPC: one bidirectional <c>Connect</c> stream. <c>grpc://host:port</c> is
/// cleartext HTTP/2 (the relay's h2c port, 8072 by default), <c>grpcs://</c> is TLS. The token travels
/// as <c>authorization: Bearer</c> metadata.
/// </summary>
public sealed class GrpcRelayConnection(Uri url, string? token) : IRelayConnection
{
    private const string ConnectPath = "/webdevsync.v1.WebDevSync/Connect";

    private readonly HttpMessageInvoker _http = new(GrpcClient.CreateHandler());
    private GrpcDuplexCall<V1.ClientMessage, V1.ServerMessage>? _call;

    public async Task ConnectAsync(CancellationToken ct)
    {
        var address = new UriBuilder(url) { Scheme = url.Scheme == "grpcs" ? "https" : "http", Path = "/" }.Uri;
        var metadata = token is null ? [] : new[] { KeyValuePair.Create("authorization", $"Bearer {token}") };
        try
        {
            _call = await new GrpcClient(_http, address).DuplexAsync<V1.ClientMessage, V1.ServerMessage>(ConnectPath, V1.ServerMessage.Parser, metadata, ct);
        }
        catch (GrpcException e)
        {
            throw new InvalidOperationException($"refused by the server ({e.Status.Code}: {e.Status.Detail})", e);
        }
    }

    public ValueTask SendAsync(ClientMessage message, CancellationToken ct) => Call.WriteAsync(ProtoMapping.ToProto(message));

    public async Task<LinkEnd> ReceiveAsync(Action<Either<DecodeError, ServerMessage>> onFrame, CancellationToken ct)
    {
        await using var _ = ct.Register(Call.Cancel);
        try
        {
            while (await Call.ReadNextAsync() is { } message)
                ProtoMapping.ToCore(message).Fold(m => { onFrame(Right<DecodeError, ServerMessage>(m)); return unit; }, () => unit);
            return EndOf(Call.Status!.Value);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or GrpcException or OperationCanceledException)
        {
            return ct.IsCancellationRequested ? new LinkEnd("closed", null) : new LinkEnd(e is GrpcException g ? g.Status.ToString() : "connection lost", null);
        }
    }

    public Task CloseAsync(CancellationToken ct)
    {
        _call?.CompleteRequests();
        _call?.Cancel();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_call is not null) await _call.DisposeAsync();
        _http.Dispose();
    }

    private GrpcDuplexCall<V1.ClientMessage, V1.ServerMessage> Call => _call ?? throw new InvalidOperationException("not connected");

    /// <summary>The relay ends a replaced connection with ABORTED, as it closes a WebSocket with 4001: don't reconnect.</summary>
    private static LinkEnd EndOf(GrpcStatus status) => status.Code switch
    {
        GrpcStatusCode.Aborted => new LinkEnd(status.Detail, 4001),
        GrpcStatusCode.OK => new LinkEnd("closed by the server", 1000),
        _ => new LinkEnd(status.ToString(), null),
    };
}

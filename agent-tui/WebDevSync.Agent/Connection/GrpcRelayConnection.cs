using Grpc.Core;
using Grpc.Net.Client;
using LanguageExt;
using WebDevSync.Agent.Model;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;
using WebDevSync.Proto;
using static LanguageExt.Prelude;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Agent.Connection;

/// <summary>
/// The protocol over native gRPC (Grpc.Net.Client and the client generated from the proto): one
/// bidirectional <c>Connect</c> stream. <c>grpc://host:port</c> is cleartext HTTP/2 (the relay's h2c
/// port, 8072 by default), <c>grpcs://</c> is TLS. The token travels as <c>authorization: Bearer</c>
/// metadata. HTTP/2 keep-alive pings find a dead relay on an idle stream, as WebSocket pings do.
/// </summary>
public sealed class GrpcRelayConnection(Uri url, string? token) : IRelayConnection
{
    /// <summary>Messages beyond this are refused rather than buffered without bound (the WebSocket transport's limit).</summary>
    public const int MaxMessageBytes = WebSocketRelayConnection.MaxFrameBytes;

    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(
        new UriBuilder(url) { Scheme = url.Scheme == "grpcs" ? "https" : "http", Path = "/" }.Uri,
        new GrpcChannelOptions { HttpHandler = CreateHandler(), MaxReceiveMessageSize = MaxMessageBytes, DisposeHttpClient = true });

    private AsyncDuplexStreamingCall<V1.ClientMessage, V1.ServerMessage>? _call;

    /// <summary>A handler fit for one long-lived stream: pings while idle, never drops the pooled connection.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Starts the call and waits for the relay's response headers, so a refusal surfaces here.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        var metadata = token is null ? null : new Metadata { { "authorization", $"Bearer {token}" } };
        _call = new V1.WebDevSync.WebDevSyncClient(_channel).Connect(metadata, cancellationToken: CancellationToken.None);
        try
        {
            await _call.ResponseHeadersAsync.WaitAsync(ct);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unimplemented)
        {
            var status = e.StatusCode switch { StatusCode.Unauthenticated => 401, StatusCode.PermissionDenied => 403, _ => 404 };
            throw new RelayRefusedException(new RelayRefusal(status, e.Status.Detail), e);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Internal && NotHttp2(e.Status.DebugException))
        {
            throw new RelayRefusedException(new RelayRefusal(0, "the server did not answer in HTTP/2"), e);
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"refused by the server ({e.StatusCode}: {e.Status.Detail})", e);
        }
    }

    /// <summary>An HTTP/1.1-only port (the relay's HTTP port, without TLS) never completes the HTTP/2 handshake.</summary>
    private static bool NotHttp2(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded }
                || (e is HttpRequestException h && h.Message.Contains("HTTP/2 handshake", StringComparison.Ordinal)))
                return true;
        return false;
    }

    public ValueTask SendAsync(ClientMessage message, CancellationToken ct) => new(Call.RequestStream.WriteAsync(ProtoMapping.ToProto(message), ct));

    public async Task<LinkEnd> ReceiveAsync(Action<Either<DecodeError, ServerMessage>> onFrame, CancellationToken ct)
    {
        try
        {
            while (await Call.ResponseStream.MoveNext(ct))
                ProtoMapping.ToCore(Call.ResponseStream.Current).Fold(m => { onFrame(Right<DecodeError, ServerMessage>(m)); return unit; }, () => unit);
            return EndOf(Call.GetStatus());
        }
        catch (RpcException e)
        {
            return EndOf(e.Status) is { Refusal: not null } refused ? refused : ct.IsCancellationRequested ? new LinkEnd("closed", null) : EndOf(e.Status);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A refused call ends at once; our failed first send may have cancelled the read before its status was seen.
            if (FinishedStatus() is { } status && EndOf(status) is { Refusal: not null } refused) return refused;
            return ct.IsCancellationRequested ? new LinkEnd("closed", null) : new LinkEnd("connection lost", null);
        }
    }

    private Status? FinishedStatus()
    {
        try
        {
            return _call?.GetStatus();
        }
        catch (InvalidOperationException)
        {
            return null; // still running
        }
    }

    /// <summary>Half-closes the request stream, then cancels the call (an HTTP/2 stream reset).</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        if (_call is null) return;
        try
        {
            await _call.RequestStream.CompleteAsync().WaitAsync(ct);
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // Already ended: nothing left to close politely.
        }
        _call.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _call?.Dispose();
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    private AsyncDuplexStreamingCall<V1.ClientMessage, V1.ServerMessage> Call => _call ?? throw new InvalidOperationException("not connected");

    /// <summary>The relay ends a replaced connection with ABORTED, as it closes a WebSocket with 4001: don't reconnect.</summary>
    /// A refusal may come as the call's only answer (Trailers-Only), so it surfaces here rather than in ConnectAsync.
    private static LinkEnd EndOf(Status status) => status.StatusCode switch
    {
        StatusCode.Aborted => new LinkEnd(status.Detail, 4001),
        StatusCode.Unauthenticated => new LinkEnd(status.Detail, null, new RelayRefusal(401, status.Detail)),
        StatusCode.PermissionDenied => new LinkEnd(status.Detail, null, new RelayRefusal(403, status.Detail)),
        StatusCode.OK => new LinkEnd("closed by the server", 1000),
        _ => new LinkEnd($"{status.StatusCode}: {status.Detail}", null),
    };
}

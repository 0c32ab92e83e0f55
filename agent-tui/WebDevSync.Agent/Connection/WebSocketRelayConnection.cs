using System.Buffers;
using System.Net.WebSockets;
using LanguageExt;
using WebDevSync.Agent.Model;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;

namespace WebDevSync.Agent.Connection;

/// <summary>The JSON protocol over a <see cref="ClientWebSocket"/>; the token travels as <c>Authorization: Bearer</c>.</summary>
public sealed class WebSocketRelayConnection(Uri url, string? token) : IRelayConnection
{
    /// <summary>Frames beyond this are refused rather than buffered without bound.</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>The header in which the relay repeats a refusal's reason (its body is out of a WebSocket client's reach).</summary>
    public const string ReasonHeader = "X-WebDevSync-Reason";

    private readonly ClientWebSocket _socket = new();

    public async Task ConnectAsync(CancellationToken ct)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        if (token is not null) _socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        _socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await _socket.ConnectAsync(url, ct);
        }
        catch (WebSocketException e) when (_socket.HttpStatusCode is { } status && (int)status is > 0 and not 101)
        {
            throw new RelayRefusedException(new RelayRefusal((int)status, ReasonOf(_socket.HttpResponseHeaders, (int)status)), e);
        }
        catch (WebSocketException e) when (NotHttp1(e))
        {
            throw new RelayRefusedException(new RelayRefusal(0, "the server did not answer in HTTP/1.1"), e);
        }
    }

    /// <summary>The relay's reason (X-WebDevSync-Reason); for anything else that answered, the status's name.</summary>
    private static string ReasonOf(IReadOnlyDictionary<string, IEnumerable<string>>? headers, int status)
    {
        if (headers is not null)
            foreach (var (name, values) in headers)
                if (name.Equals(ReasonHeader, StringComparison.OrdinalIgnoreCase) && values.FirstOrDefault() is { Length: > 0 } reason)
                    return reason;
        return status switch
        {
            200 => "answered with a page, not a WebSocket",
            >= 300 and < 400 => "answered with a redirect, not a WebSocket",
            _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase.ToLowerInvariant() : "refused",
        };
    }

    /// <summary>
    /// Kestrel's HTTP/2-only port (the relay's gRPC port) answers an HTTP/1.1 request with HTTP/2 bytes,
    /// which the client cannot read as a status line.
    /// </summary>
    private static bool NotHttp1(Exception e)
    {
        for (var x = e.InnerException; x is not null; x = x.InnerException)
            if (x is HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded }) return true;
        return false;
    }

    public ValueTask SendAsync(ClientMessage message, CancellationToken ct) =>
        _socket.SendAsync((ReadOnlyMemory<byte>)ClientMessageEncoder.ToBytes(message), WebSocketMessageType.Text, endOfMessage: true, ct);

    public async Task<LinkEnd> ReceiveAsync(Action<Either<DecodeError, ServerMessage>> onFrame, CancellationToken ct)
    {
        var frame = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(frame.GetMemory(16 * 1024), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                    return new LinkEnd(string.IsNullOrEmpty(_socket.CloseStatusDescription) ? "closed by the server" : _socket.CloseStatusDescription,
                        (int?)_socket.CloseStatus);
                frame.Advance(result.Count);
                if (frame.WrittenCount > MaxFrameBytes) return new LinkEnd("a frame from the server is too large", null);
                if (!result.EndOfMessage) continue;
                onFrame(ServerMessageDecoder.Decode(frame.WrittenMemory));
                frame.ResetWrittenCount();
            }
        }
        catch (WebSocketException e)
        {
            return new LinkEnd(e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely ? "connection lost" : e.Message, null);
        }
        catch (OperationCanceledException)
        {
            return new LinkEnd("closed", null);
        }
    }

    public async Task CloseAsync(CancellationToken ct)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "agent closing", ct);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}

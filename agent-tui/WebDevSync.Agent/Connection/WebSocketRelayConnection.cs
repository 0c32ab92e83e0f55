using System.Buffers;
using System.Net.WebSockets;
using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;

namespace WebDevSync.Agent.Connection;

/// <summary>The JSON protocol over a <see cref="ClientWebSocket"/>; the token travels as <c>Authorization: Bearer</c>.</summary>
public sealed class WebSocketRelayConnection(Uri url, string? token) : IRelayConnection
{
    /// <summary>Frames beyond this are refused rather than buffered without bound.</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

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
        catch (WebSocketException e) when (_socket.HttpStatusCode is { } status && (int)status >= 400)
        {
            throw new WebSocketException($"refused by the server (HTTP {(int)status})", e);
        }
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

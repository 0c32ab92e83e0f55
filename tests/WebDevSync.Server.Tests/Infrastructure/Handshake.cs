using System.Net;
using System.Net.WebSockets;

namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>WebSocket handshakes the server is expected to refuse, and the HTTP status it answers with.</summary>
public static class Handshake
{
    public static async Task<HttpStatusCode> RefusedStatusAsync(Uri url, Action<ClientWebSocketOptions>? configure = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, guard.Token));
        return socket.HttpStatusCode;
    }
}

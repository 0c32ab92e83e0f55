using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace WebDevSync.Transport.Tests;

/// <summary>A WebSocket client of the JSON protocol for tests: send objects, await a message of a type.</summary>
public sealed class JsonSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _ws = new();

    public static async Task<JsonSocket> ConnectAsync(Uri uri)
    {
        var s = new JsonSocket();
        await s._ws.ConnectAsync(uri, Timeouts.Token());
        return s;
    }

    public Task SendAsync(object message) =>
        _ws.SendAsync(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, Timeouts.Token());

    /// <summary>The next message of <paramref name="type"/>; others are skipped.</summary>
    public async Task<JsonNode> NextAsync(string type)
    {
        var ct = Timeouts.Token();
        while (true)
        {
            var node = JsonNode.Parse(await ReceiveTextAsync(ct))!;
            if ((string?)node["type"] == type) return node;
        }
    }

    private async Task<string> ReceiveTextAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult r;
        do
        {
            r = await _ws.ReceiveAsync(buffer, ct);
            if (r.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException($"closed: {r.CloseStatus} {r.CloseStatusDescription}");
            text.Write(buffer, 0, r.Count);
        } while (!r.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        try { await _ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", Timeouts.Token()); } catch (WebSocketException) { }
        _ws.Dispose();
    }
}

internal static class Timeouts
{
    /// <summary>Generous: only to fail instead of hanging, never to assert speed.</summary>
    public static CancellationToken Token() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}

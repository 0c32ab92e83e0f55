using System.Buffers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace WebDevSync.Agent.Tests.GhostText;

/// <summary>
/// A client that speaks GhostText's protocol as PROTOCOL.md documents it (as the extension does):
/// <c>GET /</c> for the WebSocket port, then a WebSocket to <c>ws://localhost:PORT/</c> with the
/// extension's Origin, sending <c>{title,url,syntax,text,selections}</c> and receiving <c>{text,selections}</c>.
/// </summary>
public sealed class GhostTextClient : IAsyncDisposable
{
    public const string ExtensionOrigin = "moz-extension://5f6c1a3e-test";

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<JsonElement> _received = new();
    private Task _reader = Task.CompletedTask;

    public IReadOnlyList<JsonElement> Received => [.. _received];

    public bool Closed { get; private set; }

    public static async Task<GhostTextClient> ConnectAsync(int port)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("Origin", ExtensionOrigin);
        var hello = await http.GetFromJsonAsync<JsonElement>($"http://localhost:{port}/");
        if (hello.GetProperty("ProtocolVersion").GetInt32() != 1) throw new InvalidOperationException($"unexpected answer {hello}");
        var client = new GhostTextClient();
        client._socket.Options.SetRequestHeader("Origin", ExtensionOrigin);
        await client._socket.ConnectAsync(new Uri($"ws://localhost:{hello.GetProperty("WebSocketPort").GetInt32()}/"), CancellationToken.None);
        client._reader = Task.Run(client.ReadAsync);
        return client;
    }

    public Task SendAsync(string title, string url, string text, int cursor) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { title, url, syntax = "", text, selections = new[] { new { start = cursor, end = cursor } } }),
            WebSocketMessageType.Text, true, CancellationToken.None);

    public Task<JsonElement> WaitForTextAsync(string text) =>
        WaitAsync(m => m.GetProperty("text").GetString() == text, $"GhostText to receive {EditorInTmux.Show(text)}");

    public async Task<JsonElement> WaitAsync(Func<JsonElement, bool> match, string what)
    {
        JsonElement found = default;
        await Poll.UntilAsync(() => Received.Any(m => match(found = m)), $"{what}; received: {string.Join(" | ", Received)}");
        return found;
    }

    private async Task ReadAsync()
    {
        var frame = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var r = await _socket.ReceiveAsync(frame.GetMemory(8192), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                frame.Advance(r.Count);
                if (!r.EndOfMessage) continue;
                _received.Enqueue(JsonDocument.Parse(Encoding.UTF8.GetString(frame.WrittenSpan)).RootElement.Clone());
                frame.ResetWrittenCount();
            }
        }
        catch (WebSocketException) { }
        Closed = true;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _reader;
        _socket.Dispose();
    }
}

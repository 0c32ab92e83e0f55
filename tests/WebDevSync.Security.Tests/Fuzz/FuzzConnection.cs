using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace WebDevSync.Security.Tests.Fuzz;

/// <summary>
/// One hostile client: sends its share of generated frames as fast as the socket takes them, reads
/// everything the server answers, and records anything that belongs to the victim. When the server
/// closes it (e.g. invalid UTF-8), it records why and reconnects.
/// </summary>
public sealed class FuzzConnection(Uri url, string token, string role, FuzzTargets targets, int seed, int maxHuge)
{
    private static readonly string[] VictimMarkers = ["ALICE-SECRET", "ALICETEXTAREA"];

    public ConcurrentBag<string> Violations { get; } = [];
    public ConcurrentDictionary<string, int> Closes { get; } = new();
    public ConcurrentDictionary<string, int> Families { get; } = new();
    public long Received, Sent;
    public TimeSpan LongestSend;
    public string? LongestSendFamily;
    private volatile bool _closing, _awaitingPong;
    private readonly TaskCompletionSource _pong = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(int frames)
    {
        var random = new Random(seed);
        var client = await ConnectAsync();
        var reader = Task.Run(() => ReadAsync(client));
        for (var sent = 0; sent < frames;)
        {
            var frame = FrameGenerator.Next(random, targets, maxHuge);
            Families.AddOrUpdate(frame.Family, 1, (_, n) => n + 1);
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await client.SendRawAsync(frame.Bytes, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text);
                var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                if (took > LongestSend) { LongestSend = took; LongestSendFamily = frame.Family; }
                sent++;
                Interlocked.Increment(ref Sent);
                if (frame.Family != "invalid-utf8") continue;
                // Invalid UTF-8 in a text frame is a WebSocket protocol error: the server must end the connection.
                await reader.WaitAsync(Timeouts.Wait);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Closed by the server while sending (recorded by the reader).
                await reader.WaitAsync(Timeouts.Wait);
            }
            await client.DisposeAsync();
            client = await ConnectAsync();
            reader = Task.Run(() => ReadAsync(client));
        }
        // Still answering after all that: a ping gets its pong (seen by the one reader of this socket).
        try
        {
            _awaitingPong = true;
            await client.SendAsync(Msg.Ping);
            await _pong.Task.WaitAsync(Timeouts.Wait);
        }
        catch (Exception e) when (e is TimeoutException or WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Violations.Add($"the relay did not answer a ping after the fuzz ({e.GetType().Name})");
        }
        _closing = true;
        await client.CloseAsync();
        await reader;
        await client.DisposeAsync();
    }

    private async Task<JsonWsClient> ConnectAsync()
    {
        var client = await JsonWsClient.ConnectAsync(url, new ConnectOptions(token));
        var message = role switch
        {
            "browser" => Msg.BrowserConnect(targets.OwnConnectionId, targets.OwnUser),
            "desktop" => Msg.DesktopConnect(targets.OwnConnectionId, targets.OwnUser),
            _ => null, // never identifies itself, only fuzzes
        };
        if (message is not null) await client.SendAsync(message);
        return client;
    }

    private async Task ReadAsync(JsonWsClient client)
    {
        while (true)
        {
            Frame frame;
            try
            {
                frame = await client.NextFrameAsync();
            }
            catch (ConnectionClosedException closed)
            {
                if (!_closing) Closes.AddOrUpdate(closed.Status?.ToString() ?? "dropped", 1, (_, n) => n + 1);
                return;
            }
            catch (TimeoutException)
            {
                continue; // nothing to read for a while: keep listening
            }
            Interlocked.Increment(ref Received);
            if (_awaitingPong && frame.Type == "pong") _pong.TrySetResult();
            Check(frame);
        }
    }

    /// <summary>Anything of the victim's that reaches this client is a cross-user leak.</summary>
    private void Check(Frame frame)
    {
        if (VictimMarkers.Any(m => frame.Text.Contains(m, StringComparison.Ordinal)))
            Violations.Add(Shorten(frame.Text));
        else if (frame.Type == "connection_ack" && frame.Json.Payload().Str("userId") != targets.OwnUser)
            Violations.Add(Shorten(frame.Text));
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "…";
}

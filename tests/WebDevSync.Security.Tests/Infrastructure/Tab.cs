using System.Collections.Concurrent;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>
/// A scripted browser tab that survives drops: it applies every code_update it receives (the newest
/// wins, as the browser library does), remembers the newest seq per session, and reconnects with the
/// same connectionId and those seqs as resume cursors.
/// </summary>
public sealed class Tab(Uri url, string? token, string connectionId, string userId) : IAsyncDisposable
{
    private JsonWsClient? _client;
    private Task? _pump;

    public ConcurrentDictionary<string, (long Seq, string Code)> Latest { get; } = new();

    public Uri Url { get; set; } = url;
    public int Updates, ConnectTimeouts;

    /// <summary>Connects (again) with resume cursors for every session it has; true once acknowledged.</summary>
    public async Task<bool> TryConnectAsync()
    {
        try
        {
            if (_client is { } old)
            {
                _client = null;
                await old.DisposeAsync();
                if (_pump is not null) await _pump;
            }
            // Like the browser library, an attempt that gets no answer is abandoned and retried.
            var (client, _) = await JsonWsClient.TryConnectAsync(Url, new ConnectOptions(token, TokenVia.Subprotocol), TimeSpan.FromSeconds(10));
            if (client is null) return false;
            await client.SendAsync(Msg.BrowserConnect(connectionId, userId, Latest.Select(kv => (kv.Key, kv.Value.Seq)).ToList()));
            await client.ExpectAsync("connection_ack");
            _client = client;
            _pump = Task.Run(() => PumpAsync(client));
            return true;
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ConnectionClosedException or System.Net.Http.HttpRequestException or IOException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref ConnectTimeouts);
            return false;
        }
    }

    public Task ConnectAsync() => Poll.UntilAsync(TryConnectAsync, $"tab {connectionId} to connect");

    /// <summary>Asks for an editor on <paramref name="sessionId"/> (its content counts as seen at seq 0).</summary>
    public async Task OpenAsync(string sessionId, string code)
    {
        Latest[sessionId] = (0, code);
        await _client!.SendAsync(Msg.EditRequest(sessionId, "t-" + sessionId, code));
    }

    public bool Has(string sessionId, string code) => Latest.TryGetValue(sessionId, out var v) && v.Code == code;

    public Task WaitForAsync(string sessionId, string code) =>
        Poll.UntilAsync(() => Has(sessionId, code), $"tab {connectionId} to show '{Short(code)}' in {sessionId} (has '{(Latest.TryGetValue(sessionId, out var v) ? Short(v.Code) : null)}')");

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";

    public async Task DropAsync()
    {
        if (_client is null) return;
        await _client.AbortAsync();
        if (_pump is not null) await _pump;
        await _client.DisposeAsync();
        _client = null;
    }

    public bool Connected => _client is { IsClosed: false };

    private async Task PumpAsync(JsonWsClient client)
    {
        await foreach (var frame in client.FramesAsync())
        {
            if (frame.Type != "code_update") continue;
            Latest[frame.Json.Str("sessionId")] = (frame.Json.Seq(), frame.Json.Code());
            Interlocked.Increment(ref Updates);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        if (_pump is not null) await _pump;
    }
}

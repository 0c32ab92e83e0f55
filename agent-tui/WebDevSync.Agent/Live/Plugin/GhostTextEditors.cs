using System.Collections.Concurrent;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Live.Plugin;

/// <summary>
/// The shell's side of <c>--editor ghosttext[:PORT]</c>: one field per session in the editor's GhostText
/// plugin. What happens to it comes back as the events a started editor and a live link give
/// (<see cref="AgentEvent.EditorStarted"/>, <see cref="AgentEvent.LiveAttached"/>,
/// <see cref="AgentEvent.BufferChanged"/>, <see cref="AgentEvent.EditorApplied"/>, and
/// <see cref="AgentEvent.EditorFailed"/> or <see cref="AgentEvent.EditorExited"/> at the end); never throws at the caller.
/// </summary>
public sealed class GhostTextEditors(Action<AgentEvent> post, Func<long> clock, long maxFileBytes) : IAsyncDisposable
{
    /// <summary>How long the plugin may take to answer <c>GET /</c> and to take the WebSocket.</summary>
    public static readonly TimeSpan ConnectWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _fields = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public CancellationTokenSource Stop { get; } = new();
        public GhostTextClient? Client { get; set; }
        public Task Applying { get; set; } = Task.CompletedTask;
        public Task Running { get; set; } = Task.CompletedTask;
    }

    public void Open(string sessionId, int port, GhostTextField field)
    {
        var entry = new Entry();
        if (_fields.TryRemove(sessionId, out var old)) _ = CloseAsync(old);
        _fields[sessionId] = entry;
        entry.Running = Task.Run(() => RunAsync(sessionId, port, field, entry));
    }

    private async Task RunAsync(string sessionId, int port, GhostTextField field, Entry entry)
    {
        GhostTextClient client;
        try
        {
            client = await GhostTextClient.ConnectAsync(port, field, maxFileBytes,
                text => post(new AgentEvent.BufferChanged(sessionId, text, clock())), ConnectWait, entry.Stop.Token);
        }
        catch (GhostTextUnavailable e)
        {
            if (!entry.Stop.IsCancellationRequested) post(new AgentEvent.EditorFailed(sessionId, e.Message, clock()));
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (entry)
        {
            if (entry.Stop.IsCancellationRequested)
            {
                _ = client.DisposeAsync().AsTask();
                return;
            }
            entry.Client = client;
        }
        post(new AgentEvent.EditorStarted(sessionId, $"ghosttext (localhost:{port})", clock()));
        post(new AgentEvent.LiveAttached(sessionId, $"GhostText plugin on localhost:{port}", clock()));
        GhostTextEnd end;
        try
        {
            end = await client.Ended;
        }
        catch (Exception e)
        {
            // Nothing the plugin sends should get here; if it does, the session still ends cleanly.
            end = new GhostTextEnd($"broke the field ({e.GetType().Name}: {e.Message})");
        }
        if (entry.Stop.IsCancellationRequested) return;
        post(end.Problem is { } problem
            ? new AgentEvent.EditorFailed(sessionId, $"the GhostText plugin on localhost:{port} {problem}", clock())
            // The editor closed the field: the session ends with the text both sides hold (every change it sent was reported before).
            : new AgentEvent.EditorExited(sessionId, 0, null, clock()));
    }

    /// <summary>Sends the page's text to the field, in order (each after the one before it).</summary>
    public void Apply(string sessionId, string content)
    {
        if (!_fields.TryGetValue(sessionId, out var entry)) return;
        lock (entry)
        {
            if (entry.Client is not { } client) return;
            entry.Applying = entry.Applying.ContinueWith(async _ =>
            {
                if (await client.ApplyAsync(content)) post(new AgentEvent.EditorApplied(sessionId, content, clock()));
            }, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>The session ended here: the field is closed in the editor, with nothing reported back.</summary>
    public void Stop(string sessionId)
    {
        if (_fields.TryRemove(sessionId, out var entry)) _ = CloseAsync(entry);
    }

    private static async Task CloseAsync(Entry entry)
    {
        GhostTextClient? client;
        lock (entry)
        {
            entry.Stop.Cancel();
            client = entry.Client;
        }
        if (client is not null) await client.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _fields.Keys)
            if (_fields.TryRemove(id, out var entry)) await CloseAsync(entry);
    }
}

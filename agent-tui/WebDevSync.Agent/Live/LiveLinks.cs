using System.Collections.Concurrent;
using System.Net.Sockets;
using WebDevSync.Agent.Editors;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Live.Nvim;
using WebDevSync.Agent.Live.Vim;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Live;

/// <summary>
/// The shell's side of live editing: one link per session to its Neovim or Vim, made while the
/// editor starts. Reports come back as events (<see cref="AgentEvent.LiveAttached"/>,
/// <see cref="AgentEvent.BufferChanged"/>, <see cref="AgentEvent.LiveEnded"/>); never throws at the caller.
/// </summary>
public sealed class LiveLinks(Action<AgentEvent> post, Func<long> clock) : IAsyncDisposable
{
    /// <summary>Reports of a burst of typing are folded to one per this window (Vim folds with its own timer of the same length).</summary>
    public static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(8);

    /// <summary>How long an editor may take to start and connect before the session stays save-based.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _links = new(StringComparer.Ordinal);

    private sealed class Entry(LiveLink link)
    {
        public LiveLink Link { get; } = link;
        public Socket? Listener { get; set; }
        public ILiveBuffer? Buffer { get; set; }
        public CancellationTokenSource Stop { get; } = new();
        public Task Applying { get; set; } = Task.CompletedTask;
    }

    /// <summary>Called just before the editor starts: Vim's socket must be listening (and its script written) by then.</summary>
    public void Start(string sessionId, LiveLink link)
    {
        var entry = new Entry(link);
        if (_links.TryRemove(sessionId, out var old)) _ = CloseAsync(old);
        _links[sessionId] = entry;
        try
        {
            if (link.Editor == LiveEditor.Vim)
            {
                entry.Listener = VimLive.Listen(link.SocketPath);
                PrivateDirectory.Write(link.ScriptPath!, VimScript.Text(link.SocketPath, link.FilePath, (int)Throttle.TotalMilliseconds));
            }
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            post(new AgentEvent.LiveEnded(sessionId, $"cannot set up the live link: {e.Message}", clock()));
            return;
        }
        _ = Task.Run(() => RunAsync(sessionId, entry));
    }

    private async Task RunAsync(string sessionId, Entry entry)
    {
        void Changed(string text) => post(new AgentEvent.BufferChanged(sessionId, text, clock()));
        try
        {
            entry.Buffer = entry.Link.Editor switch
            {
                LiveEditor.Nvim => await NvimLive.AttachAsync(entry.Link.SocketPath, entry.Link.FilePath, entry.Link.Text, Changed, Throttle, StartWait, entry.Stop.Token),
                _ => await VimLive.AcceptAsync(entry.Listener!, entry.Link.Text, Changed, StartWait, entry.Stop.Token),
            };
            post(new AgentEvent.LiveAttached(sessionId, entry.Link.Editor == LiveEditor.Nvim ? "nvim (remote API)" : "vim (channel script)", clock()));
            await entry.Buffer.Completion;
            post(new AgentEvent.LiveEnded(sessionId, "the editor let go of the buffer", clock()));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or InvalidDataException)
        {
            if (!entry.Stop.IsCancellationRequested)
                post(new AgentEvent.LiveEnded(sessionId, $"no live link ({e.GetType().Name}: {e.Message})", clock()));
        }
    }

    /// <summary>Applies the page's text in order (each after the one before it).</summary>
    public void Apply(string sessionId, string content)
    {
        if (!_links.TryGetValue(sessionId, out var entry) || entry.Buffer is not { } buffer) return;
        lock (entry)
            entry.Applying = entry.Applying.ContinueWith(async _ =>
            {
                if (await buffer.ApplyAsync(content)) post(new AgentEvent.EditorApplied(sessionId, content, clock()));
                else post(new AgentEvent.LiveEnded(sessionId, "the editor did not take the page's change", clock()));
            }, TaskScheduler.Default).Unwrap();
    }

    /// <summary>A notice for the user in the session's editor, after the changes already on their way.</summary>
    public void Notice(string sessionId, string text)
    {
        if (!_links.TryGetValue(sessionId, out var entry) || entry.Buffer is not { } buffer) return;
        lock (entry)
            entry.Applying = entry.Applying.ContinueWith(_ => buffer.NoticeAsync(text), TaskScheduler.Default).Unwrap();
    }

    public void Stop(string sessionId)
    {
        if (_links.TryRemove(sessionId, out var entry)) _ = CloseAsync(entry);
    }

    private async Task CloseAsync(Entry entry)
    {
        await entry.Stop.CancelAsync();
        if (entry.Buffer is { } buffer) await buffer.DisposeAsync();
        entry.Listener?.Dispose();
        PrivateDirectory.Delete(entry.Link.SocketPath);
        if (entry.Link.ScriptPath is { } script) PrivateDirectory.Delete(script);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _links.Keys)
            if (_links.TryRemove(id, out var entry)) await CloseAsync(entry);
    }
}

using System.Collections.Concurrent;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Files;

/// <summary>
/// Watches the private directory (not single files: editors that save by rename or by delete and
/// recreate replace the file, and a watch on the old one would go quiet) and maps names back to
/// sessions. On Linux inotify says when a writer closed a file or renamed one onto its name, and the
/// file is read at once; other changes (a writer that keeps the file open) are read after a quiet
/// period. Elsewhere FileSystemWatcher's events are coalesced over a short quiet period.
/// </summary>
public sealed class DirectoryWatcher : IDisposable
{
    /// <summary>With inotify: how long a write without a close may stay quiet before it is read anyway.</summary>
    public const int UnclosedQuietMs = 100;

    /// <summary>Without inotify: events for a name are merged over this quiet period.</summary>
    public const int FallbackQuietMs = 15;

    private readonly Inotify? _inotify;
    private readonly FileSystemWatcher? _fallback;
    private readonly ConcurrentDictionary<string, WatchedFile> _byName = new(StringComparer.Ordinal);
    private readonly int _quietMs;

    internal Action<AgentEvent> Post { get; }
    internal Func<long> Clock { get; }
    internal long MaxBytes { get; }

    public DirectoryWatcher(string directory, Action<AgentEvent> post, Func<long> clock, long maxBytes, bool useInotify = true)
    {
        (Post, Clock, MaxBytes) = (post, clock, maxBytes);
        _inotify = useInotify ? Inotify.TryWatch(directory, OnChange) : null;
        _quietMs = _inotify is null ? FallbackQuietMs : UnclosedQuietMs;
        if (_inotify is null) _fallback = Fallback(directory);
    }

    /// <summary>True when saves are detected from closes and renames (inotify), false when by quiet periods.</summary>
    public bool DetectsCompleteWrites => _inotify is not null;

    private FileSystemWatcher Fallback(string directory)
    {
        var watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, e) => OnChange(e.Name, FileChange.Partial);
        watcher.Created += (_, e) => OnChange(e.Name, FileChange.Partial);
        watcher.Deleted += (_, e) => OnChange(e.Name, FileChange.Partial);
        watcher.Renamed += (_, e) => { OnChange(e.OldName, FileChange.Partial); OnChange(e.Name, FileChange.Partial); };
        watcher.Error += (_, _) => OnChange(null, FileChange.Partial); // overflow: look at everything again
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    /// <summary>Starts watching a session's file; <paramref name="written"/> and <paramref name="text"/> are what the agent itself just wrote (or read).</summary>
    public void Watch(string sessionId, string path, FileStamp? written, string? text = null)
    {
        var name = Path.GetFileName(path);
        _byName.AddOrUpdate(name, _ => new WatchedFile(this, sessionId, path, written, text, _quietMs),
            (_, old) => { old.Dispose(); return new WatchedFile(this, sessionId, path, written, text, _quietMs); });
    }

    public void Unwatch(string path)
    {
        if (_byName.TryRemove(Path.GetFileName(path), out var w)) w.Dispose();
    }

    /// <summary>Reads the file now (an editor exited): its content, or null when it is gone.</summary>
    public string? Flush(string path) =>
        _byName.TryGetValue(Path.GetFileName(path), out var w) ? w.ReadNow() : null;

    public void Dispose()
    {
        _inotify?.Dispose();
        _fallback?.Dispose();
        foreach (var w in _byName.Values) w.Dispose();
        _byName.Clear();
    }

    private void OnChange(string? name, FileChange change)
    {
        if (name is null)
        {
            foreach (var w in _byName.Values) w.Schedule();
            return;
        }
        if (!_byName.TryGetValue(name, out var watched)) return;
        if (change == FileChange.Complete) watched.Complete();
        else watched.Schedule();
    }
}

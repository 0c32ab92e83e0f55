using System.Collections.Concurrent;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Files;

/// <summary>
/// Watches the private directory (not single files: editors that save by rename or by delete and
/// recreate replace the file, and a watch on the old one would go quiet) and maps names back to
/// sessions. Events for a name are coalesced: the file is read once nothing happened to it for the
/// debounce period, and only if it stayed the same during the read.
/// </summary>
public sealed class DirectoryWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly ConcurrentDictionary<string, Watched> _byName = new(StringComparer.Ordinal);
    private readonly Action<AgentEvent> _post;
    private readonly Func<long> _clock;
    private readonly long _maxBytes;
    private readonly int _debounceMs;

    public DirectoryWatcher(string directory, Action<AgentEvent> post, Func<long> clock, long maxBytes, int debounceMs = 15)
    {
        (_post, _clock, _maxBytes, _debounceMs) = (post, clock, maxBytes, debounceMs);
        _watcher = new FileSystemWatcher(directory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
            InternalBufferSize = 64 * 1024,
        };
        _watcher.Changed += (_, e) => Touch(e.Name);
        _watcher.Created += (_, e) => Touch(e.Name);
        _watcher.Deleted += (_, e) => Touch(e.Name);
        _watcher.Renamed += (_, e) => { Touch(e.OldName); Touch(e.Name); };
        _watcher.Error += (_, _) => { foreach (var w in _byName.Values) w.Schedule(); }; // overflow: look at everything again
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Starts watching a session's file; <paramref name="written"/> is what the agent itself just wrote.</summary>
    public void Watch(string sessionId, string path, FileStamp? written)
    {
        var name = Path.GetFileName(path);
        _byName.AddOrUpdate(name, _ => new Watched(this, sessionId, path, written), (_, old) => { old.Dispose(); return new Watched(this, sessionId, path, written); });
    }

    public void Unwatch(string path)
    {
        if (_byName.TryRemove(Path.GetFileName(path), out var w)) w.Dispose();
    }

    /// <summary>Reads the file now (an editor exited): its content, or null when it is gone.</summary>
    public string? Flush(string path)
    {
        if (!_byName.TryGetValue(Path.GetFileName(path), out var w)) return null;
        return w.ReadNow();
    }

    public void Dispose()
    {
        _watcher.Dispose();
        foreach (var w in _byName.Values) w.Dispose();
        _byName.Clear();
    }

    private void Touch(string? name)
    {
        if (name is not null && _byName.TryGetValue(name, out var w)) w.Schedule();
    }

    /// <summary>One watched file: a debounce timer and the stamp of the last content handled.</summary>
    private sealed class Watched : IDisposable
    {
        private readonly object _gate = new();
        private readonly DirectoryWatcher owner;
        private readonly string sessionId;
        private readonly string path;
        private readonly Timer _timer;
        private const int EmptyGraceMs = 300;
        private FileStamp? _handled;
        private long _handledLength;
        private bool _emptySeen;
        private bool _disposed;

        public Watched(DirectoryWatcher owner, string sessionId, string path, FileStamp? written)
        {
            (this.owner, this.sessionId, this.path, _handled, _handledLength) = (owner, sessionId, path, written, written?.Length ?? 0);
            _timer = new Timer(static o => ((Watched)o!).OnQuietSafely(), this, Timeout.Infinite, Timeout.Infinite);
        }

        private void OnQuietSafely()
        {
            try { OnQuiet(); }
            catch (Exception e)
            {
                owner._post(new AgentEvent.FileRejected(sessionId, $"watching failed ({e.GetType().Name})", owner._clock()));
            }
        }

        public void Schedule()
        {
            lock (_gate) if (!_disposed) _timer.Change(owner._debounceMs, Timeout.Infinite);
        }

        public string? ReadNow()
        {
            lock (_gate)
            {
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
                for (var i = 0; i < 20; i++)
                {
                    switch (SaveReader.Read(path, owner._maxBytes))
                    {
                        case SaveRead.Content c:
                            _handled = c.Stamp;
                            _handledLength = c.Stamp.Length;
                            return c.Text;
                        case SaveRead.Busy:
                            Thread.Sleep(owner._debounceMs);
                            continue;
                        default:
                            return null;
                    }
                }
                return null;
            }
        }

        private void OnQuiet()
        {
            lock (_gate)
            {
                if (_disposed) return;
                switch (SaveReader.Read(path, owner._maxBytes))
                {
                    case SaveRead.Content c when c.Stamp == _handled:
                        return; // the agent's own write, or a touch that changed nothing
                    case SaveRead.Content { Text.Length: 0 } when !_emptySeen && _handledLength > 0:
                        // Truncate-then-write saves pass through an empty file; give the writer longer.
                        _emptySeen = true;
                        _timer.Change(EmptyGraceMs, Timeout.Infinite);
                        return;
                    case SaveRead.Content c:
                        _handled = c.Stamp;
                        _handledLength = c.Stamp.Length;
                        _emptySeen = false;
                        owner._post(new AgentEvent.FileSaved(sessionId, c.Text, owner._clock()));
                        return;
                    case SaveRead.Busy:
                        _timer.Change(owner._debounceMs, Timeout.Infinite);
                        return;
                    case SaveRead.TooLarge t:
                        owner._post(new AgentEvent.FileRejected(sessionId, $"file is {t.Length} bytes, over the limit of {owner._maxBytes}", owner._clock()));
                        return;
                    case SaveRead.Failed f:
                        owner._post(new AgentEvent.FileRejected(sessionId, $"cannot read the file ({f.Reason})", owner._clock()));
                        return;
                    default:
                        return; // missing: a delete-and-recreate save; the Created event brings us back
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _timer.Dispose();
            }
        }
    }
}

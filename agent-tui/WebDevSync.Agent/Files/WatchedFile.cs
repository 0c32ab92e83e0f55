using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Files;

/// <summary>
/// One watched session file: read when a write is complete (or after a quiet period), posted as a
/// save only when it changed since the last content handled, and only when it stayed the same during the read.
/// </summary>
internal sealed class WatchedFile : IDisposable
{
    /// <summary>A truncate-then-write save seen mid-way (a quiet period, or a close event read late) is an empty file; such a read waits this long for more.</summary>
    private const int EmptyGraceMs = 300;

    /// <summary>A read that found the file changing under it tries again this soon.</summary>
    private const int BusyRetryMs = 5;

    private readonly object _gate = new();
    private readonly DirectoryWatcher _owner;
    private readonly string _sessionId;
    private readonly string _path;
    private readonly int _quietMs;
    private readonly Timer _timer;
    /// <summary>
    /// The last content handled (the agent's own write, or the last save posted) and its stamp. A read is
    /// skipped only when both are equal: file times tick once per jiffy (1-10 ms), so two saves of one
    /// length within one tick have equal stamps, and an event can be read after the next write already landed.
    /// </summary>
    private FileStamp? _handled;
    private string? _handledText;
    private bool _emptySeen;
    private bool _disposed;

    public WatchedFile(DirectoryWatcher owner, string sessionId, string path, FileStamp? written, string? writtenText, int quietMs)
    {
        (_owner, _sessionId, _path, _handled, _handledText, _quietMs) = (owner, sessionId, path, written, writtenText, quietMs);
        _timer = new Timer(static o => ((WatchedFile)o!).ReadSafely(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>More may be written: read once nothing happened for the quiet period.</summary>
    public void Schedule()
    {
        lock (_gate) if (!_disposed) _timer.Change(_quietMs, Timeout.Infinite);
    }

    /// <summary>A writer finished (closed the file, or renamed a new one onto it): read now, on the caller's thread.</summary>
    public void Complete()
    {
        lock (_gate) if (!_disposed) _timer.Change(Timeout.Infinite, Timeout.Infinite);
        ReadSafely();
    }

    public string? ReadNow()
    {
        lock (_gate)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            for (var i = 0; i < 20; i++)
            {
                switch (SaveReader.Read(_path, _owner.MaxBytes))
                {
                    case SaveRead.Content c:
                        (_handled, _handledText) = (c.Stamp, c.Text);
                        return c.Text;
                    case SaveRead.Busy:
                        Thread.Sleep(BusyRetryMs);
                        continue;
                    default:
                        return null;
                }
            }
            return null;
        }
    }

    private void ReadSafely()
    {
        try { Read(); }
        catch (Exception e)
        {
            _owner.Post(new AgentEvent.FileRejected(_sessionId, $"watching failed ({e.GetType().Name})", _owner.Clock()));
        }
    }

    private void Read()
    {
        lock (_gate)
        {
            if (_disposed) return;
            switch (SaveReader.Read(_path, _owner.MaxBytes))
            {
                case SaveRead.Content c when c.Stamp == _handled && c.Text == _handledText:
                    return; // the agent's own write, or a write already read
                case SaveRead.Content { Text.Length: 0 } when !_emptySeen && _handledText is { Length: > 0 }:
                    _emptySeen = true;
                    _timer.Change(EmptyGraceMs, Timeout.Infinite);
                    return;
                case SaveRead.Content c:
                    (_handled, _handledText, _emptySeen) = (c.Stamp, c.Text, false);
                    _owner.Post(new AgentEvent.FileSaved(_sessionId, c.Text, _owner.Clock()));
                    return;
                case SaveRead.Busy:
                    _timer.Change(BusyRetryMs, Timeout.Infinite); // (read again as a quiet read: the writer is still at it)
                    return;
                case SaveRead.TooLarge t:
                    _owner.Post(new AgentEvent.FileRejected(_sessionId, $"file is {t.Length} bytes, over the limit of {_owner.MaxBytes}", _owner.Clock()));
                    return;
                case SaveRead.Failed f:
                    _owner.Post(new AgentEvent.FileRejected(_sessionId, $"cannot read the file ({f.Reason})", _owner.Clock()));
                    return;
                default:
                    return; // missing: a delete-and-recreate save; the next event brings us back
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

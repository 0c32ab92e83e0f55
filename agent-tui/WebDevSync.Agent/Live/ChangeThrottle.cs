using System.Diagnostics;

namespace WebDevSync.Agent.Live;

/// <summary>
/// Reports a burst of buffer changes at most once per <c>window</c>: the first change of a quiet
/// spell goes out at once (a keystroke reaches the page without waiting), later ones in the same
/// window are folded into one report at its end. Each report reads the buffer's newest text, so
/// nothing is lost by folding.
/// </summary>
public sealed class ChangeThrottle(TimeSpan window, Action report) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.MinValue;
    private Timer? _timer;
    private bool _scheduled;

    public void Changed()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_scheduled) return;
            wait = _lastReport == TimeSpan.MinValue ? TimeSpan.Zero : _lastReport + window - _clock.Elapsed;
            _scheduled = true;
            if (wait > TimeSpan.Zero)
            {
                _timer ??= new Timer(_ => Fire());
                _timer.Change(wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }
        Fire();
    }

    private void Fire()
    {
        lock (_gate)
        {
            _scheduled = false;
            _lastReport = _clock.Elapsed;
        }
        report();
    }

    public void Dispose()
    {
        lock (_gate) _timer?.Dispose();
    }
}

namespace WebDevSync.Agent.Live;

/// <summary>
/// Reports a burst of buffer changes at most once per <c>window</c>: the first change of a quiet
/// spell goes out at once (a keystroke reaches the page without waiting), later ones in the same
/// window are folded into one report at its end. Each report reads the buffer's newest text, so
/// nothing is lost by folding. Time arrives as input (<see cref="Changed"/>'s <c>now</c>, read by the
/// caller); a folded report counts as made when it was due, so the throttle never reads a clock.
/// </summary>
public sealed class ChangeThrottle(TimeSpan window, Action report) : IDisposable
{
    private readonly Lock _gate = new();
    private TimeSpan? _lastReport;
    private TimeSpan _due;
    private Timer? _timer;
    private bool _scheduled;

    /// <summary>The buffer changed at <paramref name="now"/> (any monotonic clock, the same on every call).</summary>
    public void Changed(TimeSpan now)
    {
        lock (_gate)
        {
            if (_scheduled) return;
            _scheduled = true;
            _due = _lastReport is { } last && last + window > now ? last + window : now;
            if (_due > now)
            {
                _timer ??= new Timer(_ => Fire());
                _timer.Change(_due - now, Timeout.InfiniteTimeSpan);
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
            _lastReport = _due;
        }
        report();
    }

    public void Dispose()
    {
        lock (_gate) _timer?.Dispose();
    }
}

namespace WebDevSync.Bench.Load;

/// <summary>The phases every pair loop follows: warm up, measure, stop (set by the driver, read by loops).</summary>
public sealed class RunClock
{
    private volatile int _phase;

    public bool Recording => _phase == 1;

    public bool Stopping => _phase == 2;

    public void StartMeasuring() => _phase = 1;

    public void Stop() => _phase = 2;
}

using WebDevSync.Agent.Live;

namespace WebDevSync.Agent.Tests.Live;

/// <summary>
/// The throttle of a live buffer's changes, with time given as input: the first change of a quiet spell
/// is reported at once, the rest of its window fold into one report at the window's end, and a change
/// after a quiet window is reported at once again.
/// </summary>
public sealed class ChangeThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Changes_inside_a_window_fold_into_one_report_at_its_end_and_a_quiet_window_reports_at_once()
    {
        // A long window: the count is read before the folded report is due even on a loaded machine.
        var reports = new SemaphoreSlim(0);
        using var throttle = new ChangeThrottle(TimeSpan.FromSeconds(2), () => reports.Release());

        throttle.Changed(1_000 * Ms);
        Assert.Equal(1, reports.CurrentCount);

        throttle.Changed(1_010 * Ms);
        throttle.Changed(1_020 * Ms);
        Assert.Equal(1, reports.CurrentCount);
        Assert.True(await reports.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await reports.WaitAsync(TimeSpan.FromSeconds(10)), "the folded report never came");

        // The folded report counts as made when it was due (3,000 ms), so 5,000 ms is a quiet spell.
        throttle.Changed(5_000 * Ms);
        Assert.Equal(1, reports.CurrentCount);
    }

    [Fact]
    public void A_change_a_whole_window_after_the_last_report_is_reported_at_once()
    {
        var count = 0;
        using var throttle = new ChangeThrottle(Window, () => Interlocked.Increment(ref count));
        throttle.Changed(0 * Ms);
        throttle.Changed(Window);
        throttle.Changed(2 * Window + Ms);
        Assert.Equal(3, count);
    }
}

namespace WebDevSync.TestKit;

/// <summary>Guards against hangs only: nothing asserts how fast anything is.</summary>
public static class Timeouts
{
    /// <summary>The longest a test waits for one message, process line or condition; generous for a loaded 2-core box.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>A token that cancels after <see cref="Wait"/> (or <paramref name="limit"/>).</summary>
    public static CancellationToken Token(TimeSpan? limit = null) => new CancellationTokenSource(limit ?? Wait).Token;
}

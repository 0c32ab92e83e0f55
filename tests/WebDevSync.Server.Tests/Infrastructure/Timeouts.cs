namespace WebDevSync.Server.Tests.Infrastructure;

/// <summary>Guards against hangs only: nothing asserts how fast anything is.</summary>
public static class Timeouts
{
    /// <summary>The longest a test waits for one message or condition; generous for a busy 2-core box.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
}

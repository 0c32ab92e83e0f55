namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Guards against hangs only: nothing here asserts how fast anything is.</summary>
public static class Timeouts
{
    /// <summary>The longest a test waits for one message, process line or condition (a loaded 2-core box).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws with <paramref name="what"/> on a hang.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        using var guard = new CancellationTokenSource(limit ?? Wait);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"never happened: {what}");
            }
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, limit);
}

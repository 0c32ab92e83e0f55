namespace WebDevSync.TestKit;

/// <summary>Waits for a condition that becomes true asynchronously (a process line, a status count, a file).</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> naming <paramref name="what"/> on a hang.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        using var guard = new CancellationTokenSource(limit ?? Timeouts.Wait);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"gave up waiting for {what}");
            }
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, limit);
}

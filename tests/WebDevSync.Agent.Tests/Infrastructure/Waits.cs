namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>Generous limits that only stop a broken test from hanging; nothing asserts on time.</summary>
public static class Waits
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Long);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting for {what}");
            await Task.Delay(20);
        }
    }
}

namespace WebDevSync.Agent.Model;

/// <summary>Where the connection to the relay stands. A closed set, shown in the header.</summary>
public abstract record LinkState
{
    private LinkState() { }

    /// <summary>Nothing tried yet.</summary>
    public sealed record Idle : LinkState;

    public sealed record Connecting : LinkState;

    public sealed record Connected(long SinceMs) : LinkState;

    /// <summary>The link dropped or could not be made; the next try is at <paramref name="RetryAtMs"/>.</summary>
    public sealed record Waiting(long RetryAtMs, string Reason) : LinkState;

    /// <summary>No more tries: replaced by a newer agent, or quitting. <c>r</c> tries again.</summary>
    public sealed record Stopped(string Reason) : LinkState;
}

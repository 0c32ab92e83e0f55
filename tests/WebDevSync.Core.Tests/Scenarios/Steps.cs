namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>Short constructors for writing a shrunk scenario down as a fact.</summary>
public static class Steps
{
    public static Step Browser(int slot, string user, string clientId, params SessionCursor[] resume) =>
        new Step.Connect(slot, Role.Browser, user, clientId, [.. resume], []);

    public static Step Desktop(int slot, string user, string clientId, params Announce[] announced) =>
        new Step.Connect(slot, Role.Agent, user, clientId, [], [.. announced]);

    public static Step Edit(int slot, string sessionId, string textarea = "t1", Claim claim = Claim.None, bool oversized = false) =>
        new Step.Edit(slot, sessionId, textarea, oversized, claim);

    public static Step Update(int slot, string sessionId, Claim claim = Claim.None, bool oversized = false) =>
        new Step.Update(slot, sessionId, oversized, claim);

    /// <summary>A live change (tab or agent) with a <c>baseSeq</c> chosen by <paramref name="base"/>.</summary>
    public static Step Change(int slot, string sessionId, Base @base = Base.Seen) => new Step.Update(slot, sessionId, false, Claim.None, 0, @base);

    /// <summary>A reconnect that lists what the client has (its cursors, or its sessions with their seqs).</summary>
    public static Step Back(int slot, Role role, string user, string clientId) => new Step.Connect(slot, role, user, clientId, [], [], 0, Recall: true);

    public static Step Close(int slot, string sessionId, Claim claim = Claim.None) => new Step.Close(slot, sessionId, claim);

    public static Step Ping(int slot) => new Step.Ping(slot);

    public static Step Drop(int slot) => new Step.Leave(slot);

    public static Step Tick() => new Step.Tick();

    public static Step Restart() => new Step.Restart();

    /// <summary>The same step, <paramref name="ms"/> after the previous one.</summary>
    public static Step After(this Step step, long ms) => step.WithDelta(ms);
}

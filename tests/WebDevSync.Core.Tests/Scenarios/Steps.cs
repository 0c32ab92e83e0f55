using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>Short constructors for writing a shrunk scenario down as a fact.</summary>
public static class Steps
{
    public static Step Browser(int slot, string user, string clientId, params SessionCursor[] resume) =>
        new Step.Connect(slot, Role.Browser, user, clientId, [.. resume], []);

    public static Step Desktop(int slot, string user, string clientId, params Announce[] announced) =>
        new Step.Connect(slot, Role.Desktop, user, clientId, [], [.. announced]);

    public static Step Edit(int slot, string sessionId, string textarea = "t1", Claim claim = Claim.None, bool oversized = false) =>
        new Step.Edit(slot, sessionId, textarea, oversized, claim);

    public static Step Update(int slot, string sessionId, Claim claim = Claim.None, bool oversized = false) =>
        new Step.Update(slot, sessionId, oversized, claim);

    public static Step Close(int slot, string sessionId, Claim claim = Claim.None) => new Step.Close(slot, sessionId, claim);

    public static Step Ping(int slot) => new Step.Ping(slot);

    public static Step Drop(int slot) => new Step.Leave(slot);

    public static Step Tick() => new Step.Tick();

    /// <summary>The same step, <paramref name="ms"/> after the previous one.</summary>
    public static Step After(this Step step, long ms) => step.WithDelta(ms);
}

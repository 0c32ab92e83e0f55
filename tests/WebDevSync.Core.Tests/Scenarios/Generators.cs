using FsCheck;
using FsCheck.Fluent;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// FsCheck generators for scenario steps. Each slot mostly behaves as its role (a tab sends edit
/// requests, an agent code updates), with a few wrong-role messages, forged claims, impersonated
/// users and foreign client ids mixed in. The clock only moves forward, sometimes far past the
/// grace period, the idle timeout and the maximum session age. Now and then the relay restarts.
/// </summary>
public static class Generators
{
    public static readonly Gen<long> Delta = Gen.Frequency(
        (40, Gen.Constant(0L)),
        (40, Gen.Choose(1, 1500).Select(ms => (long)ms)),
        (10, Gen.Constant(60_000L)),
        (5, Gen.Constant(Scenario.GraceMs + 1_000)),
        (3, Gen.Constant(Scenario.IdleMs + 1_000)),
        (2, Gen.Constant(Scenario.MaxAgeMs + 1_000)));

    static readonly Gen<Claim> Claims = Gen.Frequency(
        (70, Gen.Constant(Claim.None)), (15, Gen.Constant(Claim.Own)),
        (8, Gen.Constant(Claim.OtherUser)), (7, Gen.Constant(Claim.OtherClient)));

    static readonly Gen<bool> Oversized = Gen.Frequency((95, Gen.Constant(false)), (5, Gen.Constant(true)));

    static readonly Gen<string> SessionId = Gen.Elements(Pools.SessionIds);

    static readonly Gen<string> Textarea = Gen.Elements(Pools.Textareas);

    /// <summary>Mostly the slot's own client id, sometimes a sibling's, a shared one or another user's.</summary>
    static Gen<string> ClientId(int slot, Role role) => Gen.Frequency(
        (70, Gen.Constant(Pools.ClientIdOf(slot))),
        (12, Gen.Elements(Pools.SlotsOf(Pools.Owner(slot), role).Select(Pools.ClientIdOf).ToArray())),
        (10, Gen.Elements(Pools.SharedClientIds)),
        (8, Gen.Elements(Pools.Slots.Select(Pools.ClientIdOf).ToArray())));

    static Gen<string> ConnectUser(int slot) =>
        Gen.Frequency((88, Gen.Constant(Pools.Owner(slot))), (12, Gen.Elements(Pools.Users)));

    static readonly Gen<SessionCursor> Cursor =
        SessionId.SelectMany(id => Gen.Elements(0L, 1L, 2L, 5L), (id, seq) => new SessionCursor(id, seq));

    /// <summary>
    /// Announced sessions point mostly at the user's own tabs. Ids are distinct within one list, since the
    /// scenario model tells an adopted session from a refused one by its id.
    /// </summary>
    static Gen<ImmutableArray<Announce>> Announces(int slot)
    {
        var ownTabs = Pools.SlotsOf(Pools.Owner(slot), Role.Browser).Select(Pools.ClientIdOf).ToArray();
        var browser = Gen.Frequency((80, Gen.Elements(ownTabs)), (20, Gen.Elements(Pools.Slots.Select(Pools.ClientIdOf).Concat(Pools.SharedClientIds).ToArray())));
        var one = SessionId.SelectMany(id => Textarea.SelectMany(ta => browser.Select(b => new Announce(id, ta, b))));
        return Gen.Frequency((70, Gen.Constant(ImmutableArray<Announce>.Empty)), (30, Gen.ListOf(one, 2).Select(l => l.DistinctBy(a => a.SessionId).ToImmutableArray())));
    }

    static Gen<Step> Connect(int slot, Role role) =>
        from user in ConnectUser(slot)
        from id in ClientId(slot, role)
        from resume in role == Role.Browser
            ? Gen.Frequency((60, Gen.Constant(ImmutableArray<SessionCursor>.Empty)), (40, Gen.ListOf(Cursor, 2).Select(l => l.ToImmutableArray())))
            : Gen.Constant(ImmutableArray<SessionCursor>.Empty)
        from announced in role == Role.Agent ? Announces(slot) : Gen.Constant(ImmutableArray<Announce>.Empty)
        from recall in Gen.Frequency((50, Gen.Constant(false)), (50, Gen.Constant(true)))
        select (Step)new Step.Connect(slot, role, user, id, resume, announced, 0, recall);

    static Gen<Step> Edit(int slot) =>
        from id in SessionId from ta in Textarea from big in Oversized from claim in Claims
        select (Step)new Step.Edit(slot, id, ta, big, claim);

    /// <summary>An agent's update: a plain save half the time, else a live change, mostly based on what it saw.</summary>
    static readonly Gen<Base> AgentBase = Gen.Frequency(
        (50, Gen.Constant(Base.None)), (32, Gen.Constant(Base.Seen)), (15, Gen.Constant(Base.Stale)), (3, Gen.Constant(Base.Ahead)));

    /// <summary>A page change: based on what the tab saw, or typed before the newest change arrived; rarely none or a lie.</summary>
    static readonly Gen<Base> TabBase = Gen.Frequency(
        (60, Gen.Constant(Base.Seen)), (30, Gen.Constant(Base.Stale)), (5, Gen.Constant(Base.None)), (5, Gen.Constant(Base.Ahead)));

    static Gen<Step> Update(int slot) =>
        from id in SessionId from big in Oversized from claim in Claims
        from b in Pools.Affinity(slot) == Role.Browser ? TabBase : AgentBase
        select (Step)new Step.Update(slot, id, big, claim, 0, b);

    static Gen<Step> Close(int slot) =>
        from id in SessionId from claim in Claims select (Step)new Step.Close(slot, id, claim);

    static Gen<Step> Garbage(int slot) =>
        Gen.Elements(ErrorCode.InvalidMessage, ErrorCode.UnknownType, ErrorCode.PayloadTooLarge).Select(c => (Step)new Step.Garbage(slot, c));

    /// <summary>What a socket on <paramref name="slot"/> does next, weighted by the slot's role. Tabs send page changes too (live editing).</summary>
    static Gen<Step> OnSlot(int slot)
    {
        var role = Pools.Affinity(slot);
        var other = role == Role.Browser ? Role.Agent : Role.Browser;
        return Gen.Frequency(
            (25, Connect(slot, role)),
            (25, role == Role.Browser ? Edit(slot) : Update(slot)),
            (role == Role.Browser ? 20 : 2, role == Role.Browser ? Update(slot) : Edit(slot)),
            (8, Close(slot)),
            (4, Gen.Constant((Step)new Step.Ping(slot))),
            (3, Garbage(slot)),
            (10, Gen.Constant((Step)new Step.Leave(slot))),
            (2, Connect(slot, other)));
    }

    static Gen<Step> AnyStep(int[] slots) =>
        Gen.Frequency(
                (88, Gen.Elements(slots).SelectMany(OnSlot)),
                (12, Gen.Constant((Step)new Step.Tick())),
                (2, Gen.Constant((Step)new Step.Restart())))
            .SelectMany(step => Delta.Select(step.WithDelta));

    /// <summary>
    /// The sockets a scenario uses: one user's tab and agent, so there is something to route, and a
    /// few more of anyone's. Fewer sockets per scenario means more of them meet.
    /// </summary>
    static readonly Gen<int[]> ActiveSlots =
        from user in Gen.Elements(Pools.Users)
        from tab in Gen.Elements(Pools.SlotsOf(user, Role.Browser).ToArray())
        from agent in Gen.Elements(Pools.SlotsOf(user, Role.Agent).ToArray())
        from others in Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Gen.Elements(Pools.Slots), n))
        select new[] { tab, agent }.Concat(others).Distinct().ToArray();

    /// <summary>Every active socket connects first (shrinking drops the connects a failure does not need), then anything goes.</summary>
    public static readonly Gen<Scenario> Scenarios =
        from auth in Gen.Elements(false, true)
        from max in Gen.Frequency((75, Gen.Constant(256)), (25, Gen.Constant(2)))
        from slots in ActiveSlots
        from prologue in Gen.CollectToArray(slots, slot => Connect(slot, Pools.Affinity(slot))).SelectMany(Gen.Shuffle)
        from steps in Gen.Sized(size => Gen.Choose(1, Math.Max(2, size / 2 + 10)).SelectMany(n => Gen.ListOf(AnyStep(slots), n)))
        select new Scenario(auth, max, [.. prologue, .. steps]);

    public static Arbitrary<Scenario> Arbitrary => Arb.From(Scenarios, Shrinks.OfScenario);

    /// <summary>
    /// Live editing up close: one user's two tabs and two agents on two sessions, typing on both sides
    /// (changes based on the newest seq seen or an older one), dropping and coming back, mostly listing
    /// what they have. The general scenarios meet these flows too, but rarely.
    /// </summary>
    public static readonly Gen<Scenario> LiveScenarios =
        from user in Gen.Elements(Pools.Users)
        let tabs = Pools.SlotsOf(user, Role.Browser).ToArray()
        let agents = Pools.SlotsOf(user, Role.Agent).ToArray()
        from prologue in Gen.Shuffle(new[] { LiveConnect(tabs[0], true), LiveConnect(agents[0], true) })
        from steps in Gen.Sized(size => Gen.Choose(4, Math.Max(6, size / 2 + 12)).SelectMany(n => Gen.ListOf(LiveStep(tabs, agents), n)))
        select new Scenario(false, 256, [.. prologue, .. steps]);

    public static Arbitrary<Scenario> LiveArbitrary => Arb.From(LiveScenarios, Shrinks.OfScenario);

    static readonly Gen<string> LiveSession = Gen.Elements("s1", "s2");

    /// <summary>Now and then a change is the last thing a socket sends before it drops, its answer lost.</summary>
    static readonly Gen<bool> Lost = Gen.Frequency((88, Gen.Constant(false)), (12, Gen.Constant(true)));

    static Step LiveConnect(int slot, bool recall) =>
        new Step.Connect(slot, Pools.Affinity(slot), Pools.Owner(slot), Pools.ClientIdOf(slot), [], [], 0, recall);

    static Gen<Step> LiveStep(int[] tabs, int[] agents)
    {
        var tab = Gen.Frequency((85, Gen.Constant(tabs[0])), (15, Gen.Constant(tabs[1])));
        var agent = Gen.Frequency((80, Gen.Constant(agents[0])), (20, Gen.Constant(agents[1])));
        var anySlot = Gen.OneOf(tab, agent);
        var tabBase = Gen.Frequency((55, Gen.Constant(Base.Seen)), (45, Gen.Constant(Base.Stale)));
        var agentBase = Gen.Frequency((45, Gen.Constant(Base.Seen)), (40, Gen.Constant(Base.Stale)), (15, Gen.Constant(Base.None)));
        var delta = Gen.Frequency((85, Gen.Choose(0, 200).Select(ms => (long)ms)), (5, Gen.Constant(60_000L)), (5, Gen.Constant(Scenario.GraceMs + 1_000)),
            (5, Gen.Constant(Scenario.IdleMs + 1_000)));
        return Gen.Frequency(
                (10, from s in tab from id in LiveSession select (Step)new Step.Edit(s, id, "t1", false, Claim.None)),
                (30, from s in tab from id in LiveSession from b in tabBase from lost in Lost select (Step)new Step.Update(s, id, false, Claim.None, 0, b, lost)),
                (30, from s in agent from id in LiveSession from b in agentBase from lost in Lost select (Step)new Step.Update(s, id, false, Claim.None, 0, b, lost)),
                (9, anySlot.Select(s => (Step)new Step.Leave(s))),
                (12, from s in anySlot from recall in Gen.Frequency((85, Gen.Constant(true)), (15, Gen.Constant(false))) select LiveConnect(s, recall)),
                (3, from s in anySlot from id in LiveSession select (Step)new Step.Close(s, id, Claim.None)),
                (3, Gen.Constant((Step)new Step.Tick())),
                (2, Gen.Constant((Step)new Step.Restart())))
            .SelectMany(step => delta.Select(step.WithDelta));
    }
}

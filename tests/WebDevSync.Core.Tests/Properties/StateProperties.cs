using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>What the state holds: consistent indexes, honest counts, sessions only the scenario opened, growing seqs.</summary>
public class StateProperties
{
    [ScenarioProperty] public void The_status_counts_equal_what_the_state_and_the_scenario_hold(Scenario scenario) => CountsMatch(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void The_state_indexes_agree_with_each_other_after_every_step(Scenario scenario) => IndexesAgree(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void The_sessions_are_exactly_those_the_scenario_opened_bound_to_the_same_tab(Scenario scenario) => SessionsMatchTheModel(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void A_session_appears_or_ends_only_through_its_owner_or_the_clock(Scenario scenario) => SessionsChangeOnlyThroughTheirOwner(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void A_sessions_seq_only_grows(Scenario scenario) => SeqOnlyGrows(ScenarioRunner.Run(scenario));

    internal static void CountsMatch(Trace t) => EveryFrame(t, f =>
    {
        var m = f.ModelAfter;
        var s = f.After;
        // A user whose away tab still has sessions that ended meanwhile (to report on its return) stays counted.
        var users = m.Idents.Values.Select(i => i.User).Concat(m.Bindings.Values.Select(b => b.Owner))
            .Concat(s.Users.Where(u => !u.Value.Ended.IsEmpty).Select(u => u.Key)).Distinct().Count();
        var expected = new StatusCounts(
            m.Idents.Values.Count(i => i.Role == Role.Browser), m.Idents.Values.Count(i => i.Role == Role.Agent), users, m.Bindings.Count);
        var held = new StatusCounts(
            s.Connections.Values.Count(c => c.Role == Role.Browser), s.Connections.Values.Count(c => c.Role == Role.Agent),
            s.Users.Count, s.Sessions.Count);
        var counts = s.Counts();
        return counts == expected && counts == held ? null : $"Counts() = {counts}, the state holds {held}, the scenario expects {expected}";
    });

    internal static void IndexesAgree(Trace t) => EveryFrame(t, f => Inconsistency(f.After));

    /// <summary>The first way the state's maps disagree with each other, or null.</summary>
    internal static string? Inconsistency(RouterState s)
    {
        foreach (var c in s.Connections.Values)
            if (s.Clients.GetValueOrDefault(c.ClientId) is not { } client || client.Live != c.Id || client.UserId != c.UserId || client.Role != c.Role)
                return $"connection {c.Id} ({c.ClientId}) has no matching live client";
        foreach (var client in s.Clients.Values)
        {
            if (client.Live is { } live && s.Connections.GetValueOrDefault(live)?.ClientId != client.Id) return $"client {client.Id} points at {live}, not its connection";
            if (client.Live is null && (client.Role != Role.Browser || !s.Sessions.Values.Any(x => x.BrowserClientId == client.Id)
                    && !s.User(client.UserId).Ended.Any(e => e.BrowserClientId == client.Id)))
                return $"away client {client.Id} has no session left nor an ended one to report, yet lingers";
        }
        foreach (var x in s.Sessions.Values)
            if (s.Clients.GetValueOrDefault(x.BrowserClientId) is not { Role: Role.Browser } tab || tab.UserId != x.UserId)
                return $"session {x.Id} is bound to {x.BrowserClientId}, which is not a tab of {x.UserId}";
        foreach (var (id, u) in s.Users)
        {
            if (u.IsEmpty) return $"user {id} has an empty entry";
            if (!Same(u.Browsers, s.Connections.Values.Where(c => c.UserId == id && c.Role == Role.Browser).Select(c => c.Id))) return $"user {id}: browsers index is off";
            if (!Same(u.Agents, s.Connections.Values.Where(c => c.UserId == id && c.Role == Role.Agent).Select(c => c.Id))) return $"user {id}: agents index is off";
            if (!Same(u.Sessions, s.Sessions.Values.Where(x => x.UserId == id).Select(x => x.Id))) return $"user {id}: sessions index is off";
            if (!Same(u.Away, s.Clients.Values.Where(c => c.UserId == id && c.Live is null).Select(c => c.Id))) return $"user {id}: away index is off";
            if (u.Ended.FirstOrDefault(e => !u.Away.Contains(e.BrowserClientId)) is { } stale) return $"user {id}: ended session {stale.SessionId} is kept for {stale.BrowserClientId}, which is not away";
        }
        var owners = s.Connections.Values.Select(c => c.UserId).Concat(s.Sessions.Values.Select(x => x.UserId)).Concat(s.Clients.Values.Select(c => c.UserId));
        return owners.FirstOrDefault(u => !s.Users.ContainsKey(u)) is { } missing ? $"user {missing} holds things but has no entry" : null;
    }

    internal static void SessionsMatchTheModel(Trace t) => EveryFrame(t, f =>
    {
        var (router, model) = (f.After.Sessions, f.ModelAfter.Bindings);
        if (router.Keys.FirstOrDefault(id => !model.ContainsKey(id)) is { } extra) return $"the router holds session {extra}, which the scenario never opened";
        foreach (var (id, b) in model)
            if (router[id].UserId != b.Owner || router[id].BrowserClientId != b.BrowserClientId)
                return $"session {id} is {router[id].UserId}/{router[id].BrowserClientId} in the router, {b.Owner}/{b.BrowserClientId} in the scenario";
        return null;
    });

    internal static void SessionsChangeOnlyThroughTheirOwner(Trace t) => EveryFrame(t, f =>
    {
        var sender = f.Sender is { } conn ? f.IdentOf(conn) : null;
        foreach (var id in f.Before.Sessions.Keys.Union(f.After.Sessions.Keys))
        {
            var (before, after) = (f.Before.Sessions.GetValueOrDefault(id), f.After.Sessions.GetValueOrDefault(id));
            var body = (f.Input as Input.Message)?.Body;
            if (before is not null && after is null
                && f.Input is not Input.Tick && !(body is ClientMessage.SessionClosed c && c.SessionId == id && sender?.User == before.UserId))
                return $"{before.UserId}'s session {id} ended on {Describe.Inbound(f.Input)}";
            var opens = body is ClientMessage.EditRequest e && e.SessionId == id || body is ClientMessage.DesktopConnect d && d.Sessions.Any(a => a.SessionId == id);
            if (before is null && after is not null && !(opens && sender?.User == after.UserId))
                return $"session {id} of {after.UserId} appeared on {Describe.Inbound(f.Input)}";
            if (before is not null && after is not null && before.UserId != after.UserId)
                return $"session {id} passed from {before.UserId} to {after.UserId}";
        }
        return null;
    });

    internal static void SeqOnlyGrows(Trace t) => EveryFrame(t, f =>
    {
        foreach (var after in f.After.Sessions.Values)
        {
            if (after.DeliveredSeq > after.Seq) return $"session {after.Id} delivered seq {after.DeliveredSeq} beyond its seq {after.Seq}";
            if (f.Before.Sessions.GetValueOrDefault(after.Id) is { } before && after.Seq < before.Seq)
                return $"session {after.Id}'s seq went back from {before.Seq} to {after.Seq}";
        }
        return null;
    });

    static bool Same<T>(IEnumerable<T> a, IEnumerable<T> b) => a.ToHashSet().SetEquals(b) && a.Count() == b.Count();
}

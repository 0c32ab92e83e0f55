using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>
/// What a restart of the relay must keep and what it must drop (<see cref="Step.Restart"/>: the table
/// saved as the shipped saver saves it, restored by the core's <see cref="Restore.From"/>). The frames
/// after a restart are judged by every other property too, the reference model among them.
/// </summary>
public class RestartProperties
{
    [ScenarioProperty] public void A_restart_keeps_every_session_with_its_newest_content_and_numbers(Scenario scenario) => KeepsEverySession(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void After_a_restart_no_connection_survives_and_every_tab_with_a_session_is_away_from_then(Scenario scenario) => DropsEveryConnection(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void After_a_restart_every_change_is_numbered_above_every_seq_a_client_was_told_before(Scenario scenario) => NumbersAboveWhatClientsHave(ScenarioRunner.Run(scenario));

    [LiveScenarioProperty] public void Up_close_after_a_restart_every_change_is_numbered_above_what_clients_have(Scenario scenario) => NumbersAboveWhatClientsHave(ScenarioRunner.Run(scenario));

    internal static void KeepsEverySession(Trace t) => EveryRestart(t, r =>
    {
        var before = r.Old.Sessions.Values.Select(Canonical.Session).Order(StringComparer.Ordinal).ToList();
        var after = r.Restored.Sessions.Values.Select(Canonical.Session).Order(StringComparer.Ordinal).ToList();
        return before.SequenceEqual(after) ? null : $"the relay held{Lines(before)}\n      but restored{Lines(after)}";
    });

    internal static void DropsEveryConnection(Trace t) => EveryRestart(t, r =>
    {
        var s = r.Restored;
        if (!s.Connections.IsEmpty || !s.Unconnected.IsEmpty) return $"{s.Connections.Count + s.Unconnected.Count} connection(s) survived the restart";
        if (s.Clients.Values.FirstOrDefault(c => c.Live is not null || c.Role != Role.Browser || c.AwaySinceMs != r.NowMs) is { } odd)
            return $"client {odd.Id} is {odd.Role}, live={odd.Live?.ToString() ?? "-"}, away since {odd.AwaySinceMs} after the restart at {r.NowMs}";
        foreach (var x in s.Sessions.Values)
            if (s.Clients.GetValueOrDefault(x.BrowserClientId)?.UserId != x.UserId || !s.User(x.UserId).Away.Contains(x.BrowserClientId))
                return $"session {x.Id}'s tab {x.BrowserClientId} is not away for {x.UserId} after the restart";
        return StateProperties.Inconsistency(s) is { } broken ? $"the restored state is inconsistent: {broken}" : null;
    });

    /// <summary>
    /// A client may hold a newer seq than the saved table (the save lags), so every seq the relay gives
    /// after a restart that kept sessions is above every seq any client was told of that session.
    /// </summary>
    internal static void NumbersAboveWhatClientsHave(Trace t)
    {
        foreach (var r in t.Restarts.Where(r => !r.Saved.IsEmpty))
        {
            var told = r.ModelOld.Known.Entries.GroupBy(p => p.Key.Session).ToDictionary(g => g.Key, g => g.Max(p => p.Value.Seen));
            var after = t.Frames.Skip(r.BeforeFrame).TakeWhile((f, i) => i == 0 || f.RestartsBefore.IsEmpty).ToList();
            foreach (var f in after)
                foreach (var x in f.After.Sessions.Values)
                    if (f.Before.Sessions.GetValueOrDefault(x.Id) is { } was && x.Seq > was.Seq && told.TryGetValue(x.Id, out var seen) && x.Seq <= seen)
                        throw new PropertyViolation(t, t.Frames.IndexOf(f), $"session {x.Id} got seq {x.Seq} after the restart, yet a client was told seq {seen} before it");
        }
    }

    static void EveryRestart(Trace t, Func<Restart, string?> check)
    {
        foreach (var r in t.Restarts)
            if (check(r) is { } violation)
                throw new InvalidOperationException($"{violation}\n{r} at t=+{Scenario.Clock(r.NowMs - Scenario.StartMs)} in\n{t.Scenario}");
    }

    static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => "\n        " + l)) is { Length: > 0 } text ? text : " nothing";
}

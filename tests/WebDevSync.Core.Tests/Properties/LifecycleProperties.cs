using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Properties;

/// <summary>Users come and go: presence is announced truthfully, and nothing of a gone user outlives the grace period.</summary>
public class LifecycleProperties
{
    [ScenarioProperty] public void After_all_of_a_users_connections_leave_and_the_grace_period_passes_nothing_of_that_user_remains(Scenario scenario) => NothingRemainsAfterGrace(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void Tabs_hear_the_truth_about_agent_presence_right_after_the_ack_and_whenever_it_changes(Scenario scenario) => PresenceIsTruthful(ScenarioRunner.Run(scenario));

    [ScenarioProperty] public void A_closed_socket_is_forgotten_so_its_late_disconnect_changes_nothing(Scenario scenario) => LateDisconnectsAreNoOps(ScenarioRunner.Run(scenario));

    internal static void NothingRemainsAfterGrace(Trace t) => EveryFrame(t, f =>
    {
        if (f.Input is not Input.Tick tick) return null;
        foreach (var user in Pools.Users)
        {
            if (f.ModelBefore.IsLive(user) || !f.ModelBefore.LastLeftMs.TryGetValue(user, out var left) || tick.NowMs - left < Scenario.GraceMs) continue;
            var s = f.After;
            var remains = s.Users.ContainsKey(user) ? "a user entry"
                : s.Connections.Values.Any(c => c.UserId == user) ? "a connection"
                : s.Clients.Values.Any(c => c.UserId == user) ? "a client"
                : s.Sessions.Values.Any(x => x.UserId == user) ? "a session"
                : null;
            if (remains is not null) return $"{user} left at +{Scenario.Clock(left - Scenario.StartMs)}; the tick past the grace period still left {remains}";
        }
        return null;
    });

    internal static void PresenceIsTruthful(Trace t) => EveryFrame(t, f =>
    {
        var statuses = f.Sends.Where(s => s.Message is ServerMessage.DesktopStatus).ToList();
        foreach (var send in statuses)
        {
            var connected = ((ServerMessage.DesktopStatus)send.Message).Connected;
            if (f.IdentOf(send.To) is not { Role: Role.Browser } tab) return $"desktop_status went to {send.To}, which is no tab";
            if (connected != f.ModelAfter.HasAgent(tab.User)) return $"{tab.User}'s tab {send.To} was told connected={connected}, which is false";
        }
        foreach (var user in Pools.Users.Where(u => f.ModelBefore.HasAgent(u) != f.ModelAfter.HasAgent(u)))
            foreach (var tab in f.ModelBefore.Of(user, Role.Browser).Intersect(f.ModelAfter.Of(user, Role.Browser)))
                if (!statuses.Any(s => s.To == tab)) return $"{user}'s agent presence changed but tab {tab} was not told";
        if (IsFreshConnect(f, out var m, out var ack) && ack.Role == Role.Browser)
        {
            var toTab = f.Sends.Where(s => s.To == m.Conn).Select(s => s.Message).ToList();
            var at = toTab.IndexOf(ack);
            if (at + 1 >= toTab.Count || toTab[at + 1] is not ServerMessage.DesktopStatus) return "a tab's connection_ack was not followed by desktop_status";
        }
        return null;
    });

    internal static void LateDisconnectsAreNoOps(Trace t) => EveryFrame(t, f =>
        f.Label.EndsWith('\'') && (f.Effects.Length > 0 || Canonical.Of(f.Before) != Canonical.Of(f.After))
            ? "the transport's disconnect for a socket the router closed had an effect"
            : null);
}

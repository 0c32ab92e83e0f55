namespace WebDevSync.Core.Routing;

/// <summary>The periodic clean-up the seed's scheduler does, as a pure function of the time.</summary>
internal static class Expiry
{
    public static Transition Tick(RouterState s, long now)
    {
        var o = s.Options;
        var idle = o.IdleTimeoutMs <= 0 ? [] : s.Connections.Values.Where(c => now - c.LastSeenMs >= o.IdleTimeoutMs).Select(c => c.Id).ToList();
        return Transition.Of(s)
            .ThenEach(idle, (st, id) => Transition.Of(st).Emit(new Effect.Close(id, CloseReason.Idle)).Then(x => Presence.Drop(x, id, now)))
            .Then(st => EndAll(st, GoneBrowserSessions(st, now), "browser_gone", notifyBrowser: false))
            .Then(st => Transition.Of(ForgetGoneBrowsers(st, now)))
            .Then(st => EndAll(st, st.Sessions.Values.Where(x => now - x.UpdatedAtMs >= o.SessionMaxAgeMs).Select(x => x.Id).ToList(), "expired"));
    }

    /// <summary>Sessions of browser clients that stayed away past the grace period (the short one after <c>browser_leaving</c>).</summary>
    private static List<string> GoneBrowserSessions(RouterState s, long now) =>
        s.Clients.Values
            .Where(c => Leaving.IsGone(s, c, now))
            .SelectMany(c => Presence.SessionsOf(s, c.Id, c.UserId))
            .Select(x => x.Id)
            .ToList();

    private static Transition EndAll(RouterState s, List<string> ids, string reason, bool notifyBrowser = true) =>
        Transition.Of(s).ThenEach(ids, (st, id) => st.Sessions.TryGetValue(id, out var x) ? Sessions.End(st, x, reason, notifyBrowser) : Transition.Of(st));

    /// <summary>Past the grace period a tab's record of ended sessions goes too, and with it the tab.</summary>
    private static RouterState ForgetGoneBrowsers(RouterState s, long now)
    {
        var gone = s.Clients.Values.Where(c => Leaving.IsGone(s, c, now)).ToList();
        foreach (var c in gone)
        {
            var user = s.User(c.UserId);
            var ended = user.Ended.RemoveAll(e => e.BrowserClientId == c.Id);
            var changes = ended.Count == user.Ended.Count ? s.EndedChanges : s.EndedChanges + 1;
            s = Presence.ForgetIdle(s with { Users = s.Users.SetItem(c.UserId, user with { Ended = ended }), EndedChanges = changes }, c.UserId);
        }
        return s;
    }
}

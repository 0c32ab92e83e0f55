using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Rebuilds a router's state from saved sessions after a restart. No socket survives a restart, so
/// every browser starts away, with a fresh grace period from <paramref name="nowMs"/>; updates after the
/// restart are numbered from <paramref name="nowMs"/> up (<see cref="RouterState.SeqFloor"/>).
/// </summary>
public static class Restore
{
    public static RouterState From(RouterOptions options, IEnumerable<Session> saved, long nowMs) =>
        saved.Aggregate(RouterState.Empty(options) with { SeqFloor = nowMs }, (s, x) => Away(Sessions.Put(s, x), x, nowMs));

    private static RouterState Away(RouterState s, Session x, long now)
    {
        if (s.Clients.ContainsKey(x.BrowserClientId)) return s;
        var user = s.User(x.UserId);
        return s with
        {
            Clients = s.Clients.SetItem(x.BrowserClientId, new Client(x.BrowserClientId, x.UserId, Role.Browser, null, now)),
            Users = s.Users.SetItem(x.UserId, user with { Away = user.Away.Add(x.BrowserClientId) }),
        };
    }
}

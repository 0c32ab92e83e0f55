using System.Collections.Immutable;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Rebuilds a router's state from saved sessions after a restart. No socket survives a restart, so
/// every browser starts away, with a fresh grace period from <paramref name="nowMs"/>; updates after a
/// restart that restored sessions are numbered from <paramref name="nowMs"/> up (<see cref="RouterState.SeqFloor"/>).
/// </summary>
public static class Restore
{
    public static RouterState From(RouterOptions options, IEnumerable<Session> saved, long nowMs) =>
        Sharded(options, saved, nowMs, 1, _ => 0)[0];

    /// <summary>
    /// The same, split over <paramref name="shards"/> routers by <paramref name="shardOfUser"/>. Every
    /// shard numbers from the restore time when any session was restored, as one router would: a shard
    /// that got none of them still serves users whose tabs may hold a number from before the restart.
    /// </summary>
    public static ImmutableArray<RouterState> Sharded(RouterOptions options, IEnumerable<Session> saved, long nowMs, int shards, Func<string, int> shardOfUser)
    {
        var sessions = saved.ToList();
        // With nothing restored no tab can hold a number from before the restart: count from 1 again.
        var empty = RouterState.Empty(options) with { SeqFloor = sessions.Count == 0 ? 0 : nowMs };
        return [.. Enumerable.Range(0, shards).Select(i =>
            sessions.Where(x => shardOfUser(x.UserId) == i).Aggregate(empty, (s, x) => Away(Sessions.Put(s, x), x, nowMs)))];
    }

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

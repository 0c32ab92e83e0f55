using System.Collections.Immutable;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Rebuilds a router's state from the saved table after a restart. No socket survives a restart, so
/// every browser with a session or an ended-while-away report starts away, with a fresh grace period
/// from <paramref name="nowMs"/>; updates after a restart that restored anything are numbered from
/// <paramref name="nowMs"/> up (<see cref="RouterState.SeqFloor"/>).
/// </summary>
public static class Restore
{
    public static RouterState From(RouterOptions options, SavedTable saved, long nowMs) =>
        Partitioned(options, saved, nowMs, 1, _ => 0)[0];

    public static RouterState From(RouterOptions options, IEnumerable<Session> saved, long nowMs) =>
        From(options, new SavedTable([.. saved], []), nowMs);

    /// <summary>
    /// The same, split over <paramref name="partitions"/> routers by <paramref name="partitionOfUser"/>. Every
    /// partition numbers from the restore time when anything was restored, as one router would: a partition
    /// that got none of it still serves users whose tabs may hold a number from before the restart.
    /// </summary>
    public static ImmutableArray<RouterState> Partitioned(RouterOptions options, SavedTable saved, long nowMs, int partitions, Func<string, int> partitionOfUser)
    {
        // With nothing restored no tab can hold a number from before the restart: count from 1 again.
        var empty = RouterState.Empty(options) with { SeqFloor = saved.IsEmpty ? 0 : nowMs };
        return [.. Enumerable.Range(0, partitions).Select(i =>
        {
            var s = saved.Sessions.Where(x => partitionOfUser(x.UserId) == i).Aggregate(empty, (st, x) => Away(Sessions.Put(st, x), x.UserId, x.BrowserClientId, nowMs));
            var restored = saved.Ended.Where(e => partitionOfUser(e.UserId) == i).Aggregate(s, (st, e) => EndedAway(st, e, nowMs));
            return restored with { HeldBytes = HeldCode.Total(restored) };
        })];
    }

    public static ImmutableArray<RouterState> Partitioned(RouterOptions options, IEnumerable<Session> saved, long nowMs, int partitions, Func<string, int> partitionOfUser) =>
        Partitioned(options, new SavedTable([.. saved], []), nowMs, partitions, partitionOfUser);

    /// <summary>A report is kept only for a tab that is nobody else's (a saved table is trusted, but stays consistent).</summary>
    private static RouterState EndedAway(RouterState s, SavedEnded e, long now)
    {
        if (s.Clients.GetValueOrDefault(e.Session.BrowserClientId) is { } c && c.UserId != e.UserId) return s;
        var next = Away(s, e.UserId, e.Session.BrowserClientId, now);
        var user = next.User(e.UserId);
        return next with { Users = next.Users.SetItem(e.UserId, user with { Ended = user.Ended.Add(e.Session) }) };
    }

    private static RouterState Away(RouterState s, string userId, string browserClientId, long now)
    {
        if (s.Clients.ContainsKey(browserClientId)) return s;
        var user = s.User(userId);
        return s with
        {
            Clients = s.Clients.SetItem(browserClientId, new Client(browserClientId, userId, Role.Browser, null, now)),
            Users = s.Users.SetItem(userId, user with { Away = user.Away.Add(browserClientId) }),
        };
    }
}

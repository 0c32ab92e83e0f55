using System.Collections.Immutable;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Core.Cluster;

/// <summary>
/// A user's <see cref="UserRecord"/> taken out of a router's state, and put back into another's (a user's
/// grain started again, on any node). Pure.
/// </summary>
public static class UserRecords
{
    public static UserRecord Of(RouterState s, string userId)
    {
        var user = s.User(userId);
        var sessions = user.Sessions.Order(StringComparer.Ordinal).Select(id => s.Sessions.GetValueOrDefault(id)).OfType<Session>().ToImmutableList();
        var tabIds = sessions.Select(x => x.BrowserClientId).Concat(user.Ended.Select(e => e.BrowserClientId)).Concat(user.Away).Distinct().Order(StringComparer.Ordinal);
        var tabs = tabIds.Select(id => new RecordedTab(id, s.Clients.GetValueOrDefault(id) is { Live: null } c ? c.AwaySinceMs : null));
        return new UserRecord(userId, sessions, [.. tabs], user.Ended);
    }

    /// <summary>
    /// Merges a record into a state that does not route the user yet. Tabs live when it was written are away
    /// from <paramref name="nowMs"/> (their node is gone), with a full grace period. Updates are numbered
    /// from <paramref name="nowMs"/> up, as after a restart: the record may lag what the old owner sent.
    /// </summary>
    public static RouterState Adopt(RouterState s, UserRecord record, long nowMs)
    {
        if (record.IsEmpty) return s;
        var user = record.UserId;
        foreach (var x in record.Sessions.Where(x => x.UserId == user && !s.Sessions.ContainsKey(x.Id))) s = Sessions.Put(s, x);
        foreach (var tab in record.Tabs.Where(t => !s.Clients.ContainsKey(t.ClientId)))
        {
            var entry = s.User(user);
            s = s with
            {
                Clients = s.Clients.SetItem(tab.ClientId, new Client(tab.ClientId, user, Role.Browser, null, tab.AwaySinceMs ?? nowMs)),
                Users = s.Users.SetItem(user, entry with { Away = entry.Away.Add(tab.ClientId) }),
            };
        }
        var known = s.User(user);
        var ended = record.Ended.Where(e => !known.Ended.Any(k => k.SessionId == e.SessionId && k.BrowserClientId == e.BrowserClientId));
        s = s with { Users = s.Users.SetItem(user, known with { Ended = known.Ended.AddRange(ended) }), SeqFloor = Math.Max(s.SeqFloor, nowMs) };
        return Presence.ForgetIdle(s, user);
    }

    /// <summary>
    /// A user's router as their grain starts it from their stored record (null: a new user). Tabs live when it
    /// was written are away from <paramref name="nowMs"/>. A record its grain wrote as it went away
    /// (<see cref="UserRecord.Complete"/>) holds every number it sent: numbering continues from its seqs.
    /// Any other may lag updates written behind (<see cref="Durability.Later"/>): numbering starts at
    /// <paramref name="nowMs"/>, above every number the last activation gave (it started from an earlier time
    /// and, rate-limited, gives far fewer than one number per millisecond).
    /// </summary>
    public static RouterState Activate(RouterOptions options, UserRecord? record, long nowMs) =>
        (record is null ? RouterState.Empty(options) : Adopt(RouterState.Empty(options), record, nowMs)) with
        {
            SeqFloor = record is null or { Complete: true } ? 0 : nowMs,
        };
}

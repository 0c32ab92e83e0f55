using System.Collections.Immutable;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Core.Cluster;

/// <summary>
/// A user's <see cref="UserRecord"/> taken out of a router's state, put back into another's (adoption
/// by a new owner), or forgotten (the user moved to another node). Pure.
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
    /// was written are away from <paramref name="nowMs"/>. Numbering continues from the record's seqs: a grain
    /// makes its record durable before it sends any update it numbered, so no tab holds a newer number.
    /// </summary>
    public static RouterState Activate(RouterOptions options, UserRecord? record, long nowMs) =>
        record is null ? RouterState.Empty(options) : Adopt(RouterState.Empty(options), record, nowMs) with { SeqFloor = 0 };

    /// <summary>Removes everything of the user; returns the state and the user's connections, which the node must close.</summary>
    public static (RouterState State, ImmutableList<ConnId> Connections) Forget(RouterState s, string userId)
    {
        var user = s.User(userId);
        var conns = user.Browsers.AddRange(user.Agents);
        var clientIds = conns.Select(c => s.Connections.GetValueOrDefault(c)?.ClientId).OfType<string>()
            .Concat(user.Away).Concat(user.Sessions.Select(id => s.Sessions.GetValueOrDefault(id)?.BrowserClientId).OfType<string>())
            .Where(id => s.Clients.GetValueOrDefault(id)?.UserId == userId);
        var next = s with
        {
            Connections = s.Connections.RemoveRange(conns),
            Clients = s.Clients.RemoveRange(clientIds),
            Sessions = s.Sessions.RemoveRange(user.Sessions),
            Users = s.Users.Remove(userId),
        };
        return (next, conns);
    }

    /// <summary>The users whose record <paramref name="input"/> may have changed (routing never crosses users; a tick may touch many).</summary>
    public static ImmutableArray<string> Touched(RouterState before, RouterState after, Input input)
    {
        if (ReferenceEquals(before.Users, after.Users) && ReferenceEquals(before.Sessions, after.Sessions) && ReferenceEquals(before.Clients, after.Clients)) return [];
        return input switch
        {
            Input.Message m => UserOf(before, after, m.Conn),
            Input.Invalid i => UserOf(before, after, i.Conn),
            Input.Disconnected d => UserOf(before, after, d.Conn),
            _ => Changed(before, after),
        };
    }

    private static ImmutableArray<string> UserOf(RouterState before, RouterState after, ConnId conn) =>
        (after.Connections.GetValueOrDefault(conn) ?? before.Connections.GetValueOrDefault(conn))?.UserId is { } u ? [u] : Changed(before, after);

    private static ImmutableArray<string> Changed(RouterState before, RouterState after)
    {
        var changed = after.Users.Where(kv => !before.Users.TryGetValue(kv.Key, out var b) || !ReferenceEquals(b, kv.Value)).Select(kv => kv.Key);
        var removed = before.Users.Keys.Where(k => !after.Users.ContainsKey(k));
        return [.. changed.Concat(removed).Distinct().Order(StringComparer.Ordinal)];
    }
}

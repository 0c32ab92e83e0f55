using System.Collections.Immutable;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Partition;

/// <summary>
/// Which user holds each client id and session id, across partitions. Each partition sees only its own
/// users, so it could not refuse an id another partition's user holds: a message first claims the ids it
/// could create for its user (first claim wins), and the router is told which are another user's
/// (<see cref="ForeignIds"/>), which it refuses exactly where it refuses another user's ids in its own
/// state. After the step, ids the message named that its user does not hold are released, so the claims
/// stay what the partitions hold and every answer is what one router would give.
/// </summary>
public sealed record IdClaims(ImmutableDictionary<string, string> Clients, ImmutableDictionary<string, string> Sessions)
{
    public static readonly IdClaims Empty = new(
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    /// <summary>
    /// The user a message acts as for claims: a connect's user while the connection is not connected
    /// (unless a verified token names another, which the router refuses first), the connection's user after.
    /// Null when the message claims nothing (a second connect, or anything before a connect).
    /// </summary>
    public static string? ClaimantOf(RouterState partition, Input.Message m)
    {
        var connected = partition.Connections.GetValueOrDefault(m.Conn);
        return m.Body switch
        {
            BrowserConnect or DesktopConnect when connected is not null || (m.AuthUser is not null && m.AuthUser != m.Body.Claimed.UserId) => null,
            BrowserConnect or DesktopConnect => m.Body.Claimed.UserId,
            _ => connected?.UserId,
        };
    }

    /// <summary>Claims the ids the message may create for <paramref name="user"/>; returns the claims and the ids another user holds (null when none).</summary>
    public (IdClaims Claims, ForeignIds? Foreign) Claim(ClientMessage body, string user) => body switch
    {
        BrowserConnect b => ClaimClient(b.ConnectionId, user),
        DesktopConnect d => ClaimAgent(d, user),
        EditRequest e => Take(Sessions, e.SessionId, user, out var sessions) ? (this with { Sessions = sessions }, null) : (this, OnlySession(e.SessionId)),
        CodeUpdate u => (this, HeldByOther(Sessions, u.SessionId, user) ? OnlySession(u.SessionId) : null),
        SessionClosed c => (this, HeldByOther(Sessions, c.SessionId, user) ? OnlySession(c.SessionId) : null),
        _ => (this, null),
    };

    /// <summary>
    /// Releases the ids <paramref name="body"/> named that <paramref name="user"/> claims but does not hold
    /// after the step. A message naming a session also settles the tab that session had before: closing
    /// or taking it over can take an away tab with it, as one router forgets it.
    /// </summary>
    public IdClaims Settle(ClientMessage body, string user, RouterState before, RouterState after) => body switch
    {
        BrowserConnect b => SettleClient(b.ConnectionId, user, after),
        DesktopConnect d => d.Sessions.Aggregate(SettleClient(d.ConnectionId, user, after),
            (c, a) => c.SettleSession(a.SessionId, user, after).SettleClient(a.BrowserConnectionId, user, after)),
        EditRequest e => SettleSession(e.SessionId, user, before, after),
        CodeUpdate u => SettleSession(u.SessionId, user, before, after),
        SessionClosed c => SettleSession(c.SessionId, user, before, after),
        _ => this,
    };

    private IdClaims SettleSession(string id, string user, RouterState before, RouterState after) =>
        before.Sessions.GetValueOrDefault(id) is { } old
            ? SettleSession(id, user, after).SettleClient(old.BrowserClientId, user, after)
            : SettleSession(id, user, after);

    public IdClaims SettleClient(string id, string user, RouterState after) =>
        Claimed(Clients, id, user) && after.Clients.GetValueOrDefault(id)?.UserId != user ? this with { Clients = Clients.Remove(id) } : this;

    private IdClaims SettleSession(string id, string user, RouterState after) =>
        Claimed(Sessions, id, user) && after.Sessions.GetValueOrDefault(id)?.UserId != user ? this with { Sessions = Sessions.Remove(id) } : this;

    /// <summary>
    /// Makes the claims of <paramref name="partition"/>'s users exactly what it holds: every id it holds
    /// claimed, every claim of its users it does not hold released (sessions that expired on a tick,
    /// and sessions restored after a restart, before any message can name them).
    /// </summary>
    public IdClaims Reconcile(RouterState partition, Func<string, bool> ownsUser)
    {
        var clients = Exact(Clients, partition.Clients.Values.Select(c => (c.Id, c.UserId)), partition.Clients.ContainsKey, ownsUser);
        var sessions = Exact(Sessions, partition.Sessions.Values.Select(x => (x.Id, x.UserId)), partition.Sessions.ContainsKey, ownsUser);
        return ReferenceEquals(clients, Clients) && ReferenceEquals(sessions, Sessions) ? this : new(clients, sessions);
    }

    private (IdClaims, ForeignIds?) ClaimClient(string id, string user) =>
        Take(Clients, id, user, out var clients) ? (this with { Clients = clients }, null) : (this, ForeignIds.None with { Clients = [id] });

    /// <summary>
    /// An agent's connect claims its own client id; each re-announced session claims its session id and,
    /// unless that is foreign (the router then looks no further), the tab's client id the router would record as away.
    /// </summary>
    private (IdClaims, ForeignIds?) ClaimAgent(DesktopConnect d, string user)
    {
        var (claims, foreign) = ClaimClient(d.ConnectionId, user);
        if (foreign is not null) return (claims, foreign);
        ImmutableHashSet<string>.Builder? clients = null, sessions = null;
        var (c, s) = (claims.Clients, claims.Sessions);
        foreach (var a in d.Sessions)
        {
            if (!Take(s, a.SessionId, user, out s)) (sessions ??= ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal)).Add(a.SessionId);
            else if (!Take(c, a.BrowserConnectionId, user, out c)) (clients ??= ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal)).Add(a.BrowserConnectionId);
        }
        var next = new IdClaims(c, s);
        return clients is null && sessions is null ? (next, null)
            : (next, new ForeignIds(clients?.ToImmutable() ?? ForeignIds.None.Clients, sessions?.ToImmutable() ?? ForeignIds.None.Sessions));
    }

    /// <summary>True when the id is <paramref name="user"/>'s (now claimed if it was free); <paramref name="next"/> the claims after.</summary>
    private static bool Take(ImmutableDictionary<string, string> claims, string id, string user, out ImmutableDictionary<string, string> next)
    {
        next = claims;
        if (claims.TryGetValue(id, out var owner)) return owner == user;
        next = claims.Add(id, user);
        return true;
    }

    private static bool Claimed(ImmutableDictionary<string, string> claims, string id, string user) =>
        claims.TryGetValue(id, out var owner) && owner == user;

    private static bool HeldByOther(ImmutableDictionary<string, string> claims, string id, string user) =>
        claims.TryGetValue(id, out var owner) && owner != user;

    private static ForeignIds OnlySession(string id) => ForeignIds.None with { Sessions = [id] };

    private static ImmutableDictionary<string, string> Exact(
        ImmutableDictionary<string, string> claims, IEnumerable<(string Id, string User)> held, Func<string, bool> holds, Func<string, bool> ownsUser)
    {
        var stale = claims.Where(c => ownsUser(c.Value) && !holds(c.Key)).Select(c => c.Key).ToList();
        var next = stale.Count == 0 ? claims : claims.RemoveRange(stale);
        foreach (var (id, user) in held)
            if (!next.ContainsKey(id)) next = next.Add(id, user);
        return next;
    }
}

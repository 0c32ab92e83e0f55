using System.Collections.Concurrent;
using System.Collections.Immutable;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// With several router shards each one sees only its own users, so it could not refuse a client id or
/// session id another user holds in another shard. The hub claims every id a message could create for
/// the message's user here first (first claim wins, so two shards never both take one id), and tells the
/// router which ids are foreign; the router refuses those exactly where it refuses another user's ids in
/// its own state (<see cref="ForeignIds"/>). Routing never crosses shards, so nothing leaks either way:
/// this keeps every answer what one router would give.
/// A periodic sweep claims every id a shard holds (sessions restored after a restart) and forgets ids no
/// shard holds, after two sweeps, so in-flight claims survive.
/// </summary>
internal sealed class IdOwners
{
    private readonly ConcurrentDictionary<string, string> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private HashSet<string> _staleClients = [];
    private HashSet<string> _staleSessions = [];

    /// <summary>
    /// Claims the ids <paramref name="message"/> names for its user and returns those another user holds
    /// (null when none, the usual case). <paramref name="connectedAs"/> is the user a shard acknowledged
    /// the connection as; <paramref name="connecting"/> the user its last connect named, which messages
    /// pipelined behind that connect act as.
    /// </summary>
    public ForeignIds? Claim(ClientMessage message, string? connectedAs, string? connecting, string? authUser) => message switch
    {
        // A connected socket's second connect is answered from its own state; a user the token does not
        // name is refused before any id is looked at. Neither claims anything.
        ClientMessage.BrowserConnect or ClientMessage.DesktopConnect when connectedAs is not null
            || (authUser is not null && authUser != message.Claimed.UserId) => null,
        ClientMessage.BrowserConnect b => Mine(_clients, b.ConnectionId, b.UserId) ? null : Clients(b.ConnectionId),
        ClientMessage.DesktopConnect d => Mine(_clients, d.ConnectionId, d.UserId) ? Announced(d) : Clients(d.ConnectionId),
        ClientMessage.EditRequest e when (connectedAs ?? connecting) is { } user =>
            Mine(_sessions, e.SessionId, user) ? null : Sessions(e.SessionId),
        ClientMessage.CodeUpdate u when OwnedByOther(u.SessionId, connectedAs ?? connecting) => Sessions(u.SessionId),
        ClientMessage.SessionClosed c when OwnedByOther(c.SessionId, connectedAs ?? connecting) => Sessions(c.SessionId),
        _ => null,
    };

    /// <summary>
    /// An agent's re-announced sessions each claim a session id and, unless that is foreign (the router
    /// then looks no further), the tab's client id the router would record as away.
    /// </summary>
    private ForeignIds? Announced(ClientMessage.DesktopConnect d)
    {
        ImmutableHashSet<string>.Builder? clients = null, sessions = null;
        foreach (var a in d.Sessions)
        {
            if (!Mine(_sessions, a.SessionId, d.UserId)) (sessions ??= ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal)).Add(a.SessionId);
            else if (!Mine(_clients, a.BrowserConnectionId, d.UserId)) (clients ??= ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal)).Add(a.BrowserConnectionId);
        }
        return clients is null && sessions is null ? null
            : new ForeignIds(clients?.ToImmutable() ?? ForeignIds.None.Clients, sessions?.ToImmutable() ?? ForeignIds.None.Sessions);
    }

    public void Sweep(IReadOnlyList<RouterState> shards)
    {
        foreach (var c in shards.SelectMany(s => s.Clients.Values)) _clients.TryAdd(c.Id, c.UserId);
        foreach (var x in shards.SelectMany(s => s.Sessions.Values)) _sessions.TryAdd(x.Id, x.UserId);
        var clients = shards.SelectMany(s => s.Clients.Keys).ToHashSet(StringComparer.Ordinal);
        var sessions = shards.SelectMany(s => s.Sessions.Keys).ToHashSet(StringComparer.Ordinal);
        _staleClients = Forget(_clients, clients, _staleClients);
        _staleSessions = Forget(_sessions, sessions, _staleSessions);
    }

    private static bool Mine(ConcurrentDictionary<string, string> claims, string id, string user) => claims.GetOrAdd(id, user) == user;

    private bool OwnedByOther(string sessionId, string? user) =>
        user is not null && _sessions.TryGetValue(sessionId, out var owner) && owner != user;

    private static ForeignIds Clients(string id) => ForeignIds.None with { Clients = [id] };

    private static ForeignIds Sessions(string id) => ForeignIds.None with { Sessions = [id] };

    /// <summary>Removes ids absent now and at the last sweep; returns the ids absent now.</summary>
    private static HashSet<string> Forget(ConcurrentDictionary<string, string> claims, HashSet<string> held, HashSet<string> absentBefore)
    {
        var absent = claims.Keys.Where(id => !held.Contains(id)).ToHashSet(StringComparer.Ordinal);
        foreach (var id in absent.Where(absentBefore.Contains)) claims.TryRemove(id, out _);
        return absent;
    }
}

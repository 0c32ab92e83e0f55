using System.Collections.Concurrent;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;

namespace WebDevSync.Server.Relay;

/// <summary>
/// With several router shards each one sees only its own users, so a connection id or session id
/// another user holds in another shard would not be refused there. The hub claims ids here first.
/// (Routing never crosses shards, so no data could leak either way; this keeps FORBIDDEN exact.)
/// A periodic sweep forgets ids no shard holds any more, after two sweeps, so in-flight claims survive.
/// </summary>
internal sealed class IdOwners
{
    private readonly ConcurrentDictionary<string, string> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private HashSet<string> _staleClients = [];
    private HashSet<string> _staleSessions = [];

    /// <summary>The refusal for a message naming another user's id, or null.</summary>
    public DecodeError? Check(ClientMessage message, string? connectionUser, string? authUser) => message switch
    {
        ClientMessage.BrowserConnect or ClientMessage.DesktopConnect when (authUser ?? message.Claimed.UserId) is { } user
            && _clients.GetOrAdd(message.Claimed.ConnectionId!, user) != user =>
            new DecodeError(ErrorCode.Forbidden, "connectionId belongs to another client"),
        ClientMessage.EditRequest e when connectionUser is not null && _sessions.GetOrAdd(e.SessionId, connectionUser) != connectionUser =>
            new DecodeError(ErrorCode.Forbidden, "Session belongs to another user", e.SessionId),
        ClientMessage.CodeUpdate u when OwnedByOther(u.SessionId, connectionUser) =>
            new DecodeError(ErrorCode.Forbidden, "Session belongs to another user", u.SessionId),
        ClientMessage.SessionClosed c when OwnedByOther(c.SessionId, connectionUser) =>
            new DecodeError(ErrorCode.Forbidden, "Session belongs to another user", c.SessionId),
        _ => null,
    };

    public void Sweep(IReadOnlyList<RouterState> shards)
    {
        var clients = shards.SelectMany(s => s.Clients.Keys).ToHashSet(StringComparer.Ordinal);
        var sessions = shards.SelectMany(s => s.Sessions.Keys).ToHashSet(StringComparer.Ordinal);
        _staleClients = Forget(_clients, clients, _staleClients);
        _staleSessions = Forget(_sessions, sessions, _staleSessions);
    }

    private bool OwnedByOther(string sessionId, string? user) =>
        user is not null && _sessions.TryGetValue(sessionId, out var owner) && owner != user;

    /// <summary>Removes ids absent now and at the last sweep; returns the ids absent now.</summary>
    private static HashSet<string> Forget(ConcurrentDictionary<string, string> claims, HashSet<string> held, HashSet<string> absentBefore)
    {
        var absent = claims.Keys.Where(id => !held.Contains(id)).ToHashSet(StringComparer.Ordinal);
        foreach (var id in absent.Where(absentBefore.Contains)) claims.TryRemove(id, out _);
        return absent;
    }
}

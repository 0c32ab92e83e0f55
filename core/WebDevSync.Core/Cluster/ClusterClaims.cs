using System.Collections.Immutable;
using WebDevSync.Core.Partition;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Cluster;

/// <summary>
/// Ids a message could create for its user that this node does not already hold for them: they must be
/// claimed in the shared store (first claim wins, across nodes) before the message is routed, and the
/// sessions it names that this node does not know are looked up, so another node's user's ids are
/// refused exactly as one router refuses them (<see cref="ForeignIds"/>).
/// </summary>
public sealed record ClaimRequest(string UserId, ImmutableArray<string> Clients, ImmutableArray<string> Sessions, ImmutableArray<string> LookedUpSessions)
{
    public bool IsEmpty => Clients.IsEmpty && Sessions.IsEmpty && LookedUpSessions.IsEmpty;
}

public static class ClusterClaims
{
    /// <summary>
    /// What <paramref name="m"/> must claim or look up; null when nothing. <paramref name="connPartition"/> is the
    /// router the connection is in now, <paramref name="userPartition"/> the one that routes its user.
    /// </summary>
    public static ClaimRequest? Needed(RouterState connPartition, RouterState userPartition, Input.Message m)
    {
        if (IdClaims.ClaimantOf(connPartition, m) is not { } user) return null;
        bool Client(string id) => userPartition.Clients.GetValueOrDefault(id)?.UserId != user;
        bool Session(string id) => userPartition.Sessions.GetValueOrDefault(id)?.UserId != user;
        bool Unknown(string id) => !userPartition.Sessions.ContainsKey(id);
        var request = m.Body switch
        {
            BrowserConnect b => new ClaimRequest(user, Client(b.ConnectionId) ? [b.ConnectionId] : [], [], []),
            DesktopConnect d => new ClaimRequest(user,
                [.. new[] { d.ConnectionId }.Concat(d.Sessions.Select(a => a.BrowserConnectionId)).Where(Client).Distinct()],
                [.. d.Sessions.Select(a => a.SessionId).Where(Session).Distinct()], []),
            EditRequest e => new ClaimRequest(user, [], Session(e.SessionId) ? [e.SessionId] : [], []),
            CodeUpdate u => new ClaimRequest(user, [], [], Unknown(u.SessionId) ? [u.SessionId] : []),
            SessionClosed c => new ClaimRequest(user, [], [], Unknown(c.SessionId) ? [c.SessionId] : []),
            _ => null,
        };
        return request is { IsEmpty: false } ? request : null;
    }

    /// <summary>The ids of <paramref name="request"/> that the store says another user holds; null when none.</summary>
    public static ForeignIds? Foreign(ClaimRequest request, IReadOnlyDictionary<string, string> clientHolders, IReadOnlyDictionary<string, string> sessionHolders)
    {
        bool Other(IReadOnlyDictionary<string, string> holders, string id) => holders.TryGetValue(id, out var u) && u != request.UserId;
        var clients = request.Clients.Where(id => Other(clientHolders, id)).ToImmutableHashSet(StringComparer.Ordinal);
        var sessions = request.Sessions.Concat(request.LookedUpSessions).Where(id => Other(sessionHolders, id)).ToImmutableHashSet(StringComparer.Ordinal);
        return clients.IsEmpty && sessions.IsEmpty ? null : new ForeignIds(clients, sessions);
    }
}

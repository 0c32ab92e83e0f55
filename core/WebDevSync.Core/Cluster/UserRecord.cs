using System.Collections.Immutable;
using WebDevSync.Core.Routing;

namespace WebDevSync.Core.Cluster;

/// <summary>
/// What resuming one user needs, as the user's grain stores it (in Redis; see <see cref="Durability"/> for when): the user's sessions (newest content and seq), the tabs they belong to (away since when, or
/// live when written) and the sessions that ended while their tab was away. Live sockets are not in it:
/// clients reconnect.
/// </summary>
public sealed record UserRecord(string UserId, ImmutableList<Session> Sessions, ImmutableList<RecordedTab> Tabs, ImmutableList<EndedSession> Ended)
{
    public bool IsEmpty => Sessions.IsEmpty && Ended.IsEmpty;

    /// <summary>
    /// Written by a grain as it went away, holding everything it had sent: the next numbers on from its seqs.
    /// Otherwise the record may lag updates written behind (<see cref="Durability.Later"/>).
    /// </summary>
    public bool Complete { get; init; }
}

/// <summary>A browser client of the user; <paramref name="AwaySinceMs"/> is null when it was live when the record was written.</summary>
public sealed record RecordedTab(string ClientId, long? AwaySinceMs);

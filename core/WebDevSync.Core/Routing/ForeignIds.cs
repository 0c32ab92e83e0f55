using System.Collections.Immutable;

namespace WebDevSync.Core.Routing;

/// <summary>
/// Ids a message names that another user holds where this router cannot see them: in another router
/// partition, when a relay splits its users over several. The router refuses them exactly where it refuses
/// another user's ids in its own state, so a partitioned relay answers as one router would.
/// </summary>
/// <param name="Clients">Client ids (a connect's <c>connectionId</c>, an announced session's browser) held by another user.</param>
/// <param name="Sessions">Session ids held by another user.</param>
public sealed record ForeignIds(ImmutableHashSet<string> Clients, ImmutableHashSet<string> Sessions)
{
    public static readonly ForeignIds None = new([], []);

    /// <summary>Both sets of foreign ids (a cluster's and a partitioned node's own), or whichever there is.</summary>
    public static ForeignIds? Union(ForeignIds? a, ForeignIds? b) =>
        a is null ? b : b is null ? a : new ForeignIds(a.Clients.Union(b.Clients), a.Sessions.Union(b.Sessions));
}

using System.Collections.Immutable;

namespace WebDevSync.Core.Cluster;

/// <summary>
/// What one node knows of the cluster: itself, the nodes it last saw alive, the users whose records it
/// has loaded (it routes them), and whether the shared store answers.
/// </summary>
/// <param name="Self">This node's id.</param>
/// <param name="Nodes">The live nodes, this one always among them.</param>
/// <param name="Adopted">The users this node owns and whose record it has loaded.</param>
/// <param name="StoreDownSinceMs">When the store stopped answering; null while it answers.</param>
public sealed record ClusterState(string Self, ImmutableSortedSet<string> Nodes, ImmutableHashSet<string> Adopted, long? StoreDownSinceMs)
{
    public static ClusterState Start(string self) =>
        new(self, ImmutableSortedSet.Create(StringComparer.Ordinal, self), ImmutableHashSet.Create<string>(StringComparer.Ordinal), null);

    public bool StoreUp => StoreDownSinceMs is null;

    public string OwnerOf(string userId) => Rendezvous.OwnerOf(userId, Nodes)!;
}

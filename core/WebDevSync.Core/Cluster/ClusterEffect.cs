namespace WebDevSync.Core.Cluster;

/// <summary>What a change of the cluster view asks the node to do. A closed set, interpreted in one switch.</summary>
public abstract record ClusterEffect
{
    private ClusterEffect() { }

    /// <summary>A node is gone: close the local sockets proxied to it, so their clients reconnect and resume.</summary>
    public sealed record CloseProxiesTo(string Node) : ClusterEffect;

    /// <summary>A node is gone: the connections it proxied here are gone with it (their tabs become away).</summary>
    public sealed record DropLinksFrom(string Node) : ClusterEffect;

    /// <summary>
    /// The node was cut off long enough for others to take it for dead: claim the user's lease again and
    /// write their record from memory (Redis may have lost both), or, if another live node took the user, release them.
    /// </summary>
    public sealed record Reassert(string UserId) : ClusterEffect;

    /// <summary>The user is another node's now: forget their state and close their connections here (they reconnect to the owner).</summary>
    public sealed record Release(string UserId) : ClusterEffect;
}

using System.Collections.Immutable;

namespace WebDevSync.Core.Cluster;

/// <summary>
/// The node's view of the cluster, stepped: <c>(state, input) -> (state, effects)</c>. A node that left
/// closes what was proxied through it; a user whose owner changed is released by the node that had it;
/// a node cut off from the store for longer than a heartbeat lives, or whose heartbeat expired (either way
/// the others may have taken its users over, or Redis lost its data), reasserts each user it kept: it takes
/// their lease again and rewrites their record, or releases them if another live node has them.
/// </summary>
public static class ClusterStep
{
    public static (ClusterState State, ImmutableList<ClusterEffect> Effects) Step(ClusterState s, ClusterInput input, long heartbeatTtlMs) => input switch
    {
        ClusterInput.Observed o => Observe(s, o, heartbeatTtlMs),
        ClusterInput.StoreLost l => (s.StoreUp ? s with { StoreDownSinceMs = l.NowMs } : s, []),
        ClusterInput.Adopted a => Adopt(s, a.UserId),
        ClusterInput.LeaseLost l => s.Adopted.Contains(l.UserId) ? (s with { Adopted = s.Adopted.Remove(l.UserId) }, [new ClusterEffect.Release(l.UserId)]) : (s, []),
        _ => (s, []),
    };

    private static (ClusterState, ImmutableList<ClusterEffect>) Observe(ClusterState s, ClusterInput.Observed o, long ttl)
    {
        var nodes = o.Alive.WithComparer(StringComparer.Ordinal).Add(s.Self);
        var cutOff = o.SelfExpired || (s.StoreDownSinceMs is { } since && o.NowMs - since >= ttl);
        var next = s with { Nodes = nodes, StoreDownSinceMs = null };
        var gone = s.Nodes.Except(nodes);
        var effects = gone.SelectMany(n => new ClusterEffect[] { new ClusterEffect.CloseProxiesTo(n), new ClusterEffect.DropLinksFrom(n) });
        var released = s.Adopted.Where(u => next.OwnerOf(u) != s.Self).ToImmutableHashSet(StringComparer.Ordinal);
        var kept = s.Adopted.Except(released);
        var reasserted = cutOff ? kept.Order(StringComparer.Ordinal).Select(u => (ClusterEffect)new ClusterEffect.Reassert(u)) : [];
        return (next with { Adopted = kept },
            [.. effects, .. released.Order(StringComparer.Ordinal).Select(u => (ClusterEffect)new ClusterEffect.Release(u)), .. reasserted]);
    }

    /// <summary>An adoption that finished after the user moved on is released straight away.</summary>
    private static (ClusterState, ImmutableList<ClusterEffect>) Adopt(ClusterState s, string user) =>
        s.OwnerOf(user) == s.Self ? (s with { Adopted = s.Adopted.Add(user) }, []) : (s, [new ClusterEffect.Release(user)]);

    /// <summary>Where a connect for <paramref name="userId"/> goes from this node.</summary>
    public static ConnectRoute RouteConnect(ClusterState s, string userId, bool fromAnotherNode) =>
        !s.StoreUp ? new ConnectRoute.Refuse("the relay's cluster store (Redis) is unreachable; retry shortly")
        : !fromAnotherNode && s.OwnerOf(userId) is var owner && owner != s.Self ? new ConnectRoute.Proxy(owner)
        : s.Adopted.Contains(userId) ? new ConnectRoute.Local()
        : new ConnectRoute.AdoptFirst();
}

/// <summary>Where a connect message goes: routed here, here after loading the user's record, proxied to the owner, or refused.</summary>
public abstract record ConnectRoute
{
    private ConnectRoute() { }

    public sealed record Local : ConnectRoute;

    public sealed record AdoptFirst : ConnectRoute;

    public sealed record Proxy(string Node) : ConnectRoute;

    public sealed record Refuse(string Detail) : ConnectRoute;
}

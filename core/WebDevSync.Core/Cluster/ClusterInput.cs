using System.Collections.Immutable;

namespace WebDevSync.Core.Cluster;

/// <summary>What happens to a node's view of the cluster. Time arrives as <c>NowMs</c>.</summary>
public abstract record ClusterInput
{
    private ClusterInput() { }

    /// <summary>
    /// The nodes whose heartbeat the store holds now (their keys have not expired). <paramref name="SelfExpired"/>:
    /// this node's own heartbeat had expired before it wrote it again, so the others took it for dead.
    /// </summary>
    public sealed record Observed(ImmutableSortedSet<string> Alive, long NowMs, bool SelfExpired = false) : ClusterInput;

    /// <summary>The store stopped answering (connection lost, a heartbeat failed to reach it).</summary>
    public sealed record StoreLost(long NowMs) : ClusterInput;

    /// <summary>Another live node holds <paramref name="UserId"/>'s lease now: this node must stop routing them.</summary>
    public sealed record LeaseLost(string UserId) : ClusterInput;

    /// <summary>This node loaded <paramref name="UserId"/>'s record and routes the user from now on.</summary>
    public sealed record Adopted(string UserId) : ClusterInput;
}

using StackExchange.Redis;

namespace WebDevSync.Server.Cluster;

/// <summary>The Redis keys and channels the nodes share, all under <c>wds:</c>.</summary>
internal static class ClusterKeys
{
    /// <summary>The set of node ids that have heartbeated; a member whose heartbeat key expired is gone.</summary>
    public static readonly RedisKey Nodes = "wds:nodes";

    /// <summary>A node's heartbeat (its counts, as JSON), with a TTL: present while the node lives.</summary>
    public static RedisKey Node(string node) => NodePrefix + node;

    public const string NodePrefix = "wds:node:";

    /// <summary>The node that routes the user now (its lease): taken on adoption unless a live node holds it, given up on release.</summary>
    public static RedisKey Lease(string userId) => "wds:owner:" + userId;

    /// <summary>What resuming a user needs (<see cref="Core.Cluster.UserRecord"/>, as JSON).</summary>
    public static RedisKey User(string userId) => "wds:user:" + userId;

    /// <summary>The user holding a client id (<c>connectionId</c>) or a session id, first claim wins.</summary>
    public static RedisKey ClientClaim(string id) => "wds:claim:c:" + id;

    public static RedisKey SessionClaim(string id) => "wds:claim:s:" + id;

    /// <summary>The channel a node hears its frames on.</summary>
    public static RedisChannel Channel(string node) => RedisChannel.Literal("wds:n:" + node);
}

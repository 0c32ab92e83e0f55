using Microsoft.Extensions.Logging;

namespace WebDevSync.Server.Cluster;

/// <summary>Source-generated log messages of the cluster adapter. None carries users' code or tokens.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(101, LogLevel.Information, "Cluster node {Node} started on Redis {Endpoints}")]
    public static partial void Started(ILogger logger, string node, string endpoints);

    [LoggerMessage(102, LogLevel.Warning, "Redis unreachable ({Reason}); refusing connects until it is back")]
    public static partial void StoreLost(ILogger logger, string reason);

    [LoggerMessage(103, LogLevel.Information, "Redis reachable again")]
    public static partial void StoreBack(ILogger logger);

    [LoggerMessage(104, LogLevel.Information, "Cluster nodes now: {Nodes}")]
    public static partial void NodesChanged(ILogger logger, string nodes);

    [LoggerMessage(105, LogLevel.Warning, "Dropped a cluster frame: {Reason}")]
    public static partial void FrameDropped(ILogger logger, string reason);

    [LoggerMessage(106, LogLevel.Warning, "Could not prepare connection {Conn} ({Reason}); it was told INTERNAL")]
    public static partial void PrepareFailed(ILogger logger, string conn, string reason);

    [LoggerMessage(107, LogLevel.Debug, "Released a user to node {Owner}: {Connections} connections closed")]
    public static partial void Released(ILogger logger, string owner, int connections);

    [LoggerMessage(108, LogLevel.Warning, "Could not reassert a user's lease after a cut-off ({Reason}); the next one tries again")]
    public static partial void ReassertFailed(ILogger logger, string reason);
}

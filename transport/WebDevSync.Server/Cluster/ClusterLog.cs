using Microsoft.Extensions.Logging;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>Source-generated log messages of the cluster adapter. None carries users' code or tokens.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(101, LogLevel.Information, "Cluster node {Node} (Orleans silo) on Redis {Endpoints}")]
    public static partial void Started(ILogger logger, string node, string endpoints);

    [LoggerMessage(102, LogLevel.Warning, "A user's input failed in their grain ({Reason}); closing connection {Conn} so it reconnects")]
    public static partial void StepFailed(ILogger logger, string conn, string reason);

    [LoggerMessage(103, LogLevel.Warning, "Claiming ids failed ({Reason}); the message is refused")]
    public static partial void ClaimFailed(ILogger logger, string reason);

    [LoggerMessage(104, LogLevel.Warning, "A user's state was written by another activation; this stale one stops")]
    public static partial void Stale(ILogger logger);

    [LoggerMessage(109, LogLevel.Warning, "A user's record was gone from Redis (restarted empty?); written again from memory")]
    public static partial void Rewritten(ILogger logger);

    [LoggerMessage(105, LogLevel.Warning, "Writing a user's state failed ({Reason})")]
    public static partial void WriteFailed(ILogger logger, string reason);

    [LoggerMessage(106, LogLevel.Warning, "Node {Silo} unreachable ({Reason}); its connections count as gone")]
    public static partial void NodeUnreachable(ILogger logger, string silo, string reason);

    [LoggerMessage(107, LogLevel.Information, "Node {Silo} died; closed {Count} connections whose user was served there, to reconnect")]
    public static partial void NodeDied(ILogger logger, string silo, int count);

    [LoggerMessage(108, LogLevel.Critical, "This node was declared dead by the cluster; exiting so it is restarted")]
    public static partial void DeclaredDead(ILogger logger);
}

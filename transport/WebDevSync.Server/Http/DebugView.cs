using WebDevSync.Core.Routing;
using WebDevSync.Json;

namespace WebDevSync.Server.Http;

/// <summary>
/// The seed's detailed dump (connections, users, sessions), taken from the router's state. It shows
/// the size of each session's code, never the code itself.
/// </summary>
internal static class DebugView
{
    public static object Of(IReadOnlyList<RouterState> partitions, long nowMs) => new
    {
        now = nowMs,
        shards = partitions.Count, // the /debug field keeps its name (a contract, like routerShards)
        browserConnections = Connections(partitions, Core.Protocol.Role.Browser),
        desktopConnections = Connections(partitions, Core.Protocol.Role.Agent),
        userSessions = partitions.SelectMany(s => s.Users).OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new
        {
            userId = u.Key,
            browsers = u.Value.Browsers.Select(c => c.ToString()),
            desktops = u.Value.Agents.Select(c => c.ToString()),
            away = u.Value.Away.Order(StringComparer.Ordinal),
            sessions = u.Value.Sessions.Order(StringComparer.Ordinal),
        }),
        activeSessions = partitions.SelectMany(s => s.Sessions.Values).OrderBy(x => x.Id, StringComparer.Ordinal).Select(x => new
        {
            sessionId = x.Id,
            userId = x.UserId,
            textareaId = x.TextareaId,
            fileType = x.FileType,
            browserConnectionId = x.BrowserClientId,
            desktopConnectionId = x.AgentClientId,
            seq = x.Seq,
            deliveredSeq = x.DeliveredSeq,
            codeLength = x.Code?.Length,
            createdAt = x.CreatedAtMs,
            updatedAt = x.UpdatedAtMs,
        }),
    };

    private static IEnumerable<object> Connections(IReadOnlyList<RouterState> partitions, Core.Protocol.Role role) =>
        partitions.SelectMany(s => s.Connections.Values).Where(c => c.Role == role).OrderBy(c => c.Id.Value).Select(c => new
        {
            conn = c.Id.ToString(),
            connectionId = c.ClientId,
            userId = c.UserId,
            role = WireNames.Of(c.Role),
            connectedAt = c.ConnectedAtMs,
            lastSeen = c.LastSeenMs,
        });
}

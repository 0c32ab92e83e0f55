using WebDevSync.Core.Routing;

using Orleans;

namespace WebDevSync.Server.Cluster;

/// <summary>gRPC-Web <c>Send</c>s that reach the user's grain from any node (no sticky upstream needed).</summary>
internal sealed partial class UserGrain
{
    public async Task<SendVerdict> SendAsync(string clientId, string? authUser, GrainInput input)
    {
        if (_stale) throw new InvalidOperationException("a stale activation of this user; reconnect");
        // Only a connection this activation accepted and can reach: one it does not know has nowhere to answer.
        if (_state.Clients.GetValueOrDefault(clientId)?.Live is not { } conn
            || _state.Connections.GetValueOrDefault(conn) is not { } connection
            || !_links.TryGetValue(conn, out var link))
            return SendVerdict.NotFound;
        // The single node's rule: with tokens, only the user the subscription's token named may send on it.
        if (authUser is not null && authUser != connection.UserId) return SendVerdict.PermissionDenied;
        await StepAsync(input with { Conn = conn.Value, Silo = link.Silo, Node = link.Node });
        return SendVerdict.Routed;
    }
}

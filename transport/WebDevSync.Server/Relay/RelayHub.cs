using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;

namespace WebDevSync.Server.Relay;

/// <summary>
/// Where every transport meets the router: links are registered, their decoded messages throttled and
/// handed to their partition, routed before the call returns (docs/PERFORMANCE.md, "One thread per message").
/// </summary>
/// <remarks>In a cluster (<c>redis</c> set) every input passes the <see cref="Cluster.ClusterGate"/> first, which forwards or holds the ones this node must not route yet.</remarks>
internal sealed class RelayHub(LinkRegistry links, PartitionSet partitions, RelayStats stats, TimeProvider time, Cluster.ClusterGate? cluster = null)
{
    public long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public ConnId NextId() => links.NextId();

    /// <summary>A new link: registered, and the router starts its connect deadline.</summary>
    public void Attach(IClientLink link) => partitions.Post(links.Add(link), null, null, new Input.Opened(link.Id, NowMs));

    /// <summary>A transport's decoded message, or why it could not be decoded; routed before this returns.</summary>
    public void Submit(ConnId conn, Either<DecodeError, ClientMessage> decoded, string? authUser)
    {
        if (decoded.IsRight) Submit(conn, (ClientMessage)decoded, authUser);
        else Reject(conn, (DecodeError)decoded);
    }

    public void Submit(ConnId conn, ClientMessage message, string? authUser)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        stats.OnReceived(message);
        var reg = links.Find(conn);
        switch (Throttled(reg))
        {
            case ThrottleVerdict.Allow:
                Route(conn, reg, message, authUser);
                break;
            case ThrottleVerdict.RejectOnce:
                Post(reg, null, null, new Input.Invalid(conn, ErrorCode.RateLimited, "Too many messages; slow down", NowMs));
                break;
        }
        stats.Prometheus.OnRelayed(arrived);
    }

    /// <summary>Hands a message to its partition, after the throttle (a message one router would drop claims no id).</summary>
    private void Route(ConnId conn, Registration? reg, ClientMessage message, string? authUser) =>
        Post(reg, message, authUser, new Input.Message(conn, message, NowMs, authUser));

    private void Post(Registration? reg, ClientMessage? message, string? authUser, Input input)
    {
        if (cluster?.TakeOver(reg, message, authUser, input) != true) partitions.Post(reg, message, authUser, input);
    }

    /// <summary>Asks the connection's bucket; a connection that floods on is closed.</summary>
    private static ThrottleVerdict Throttled(Registration? reg)
    {
        if (reg is null) return ThrottleVerdict.Allow;
        var verdict = reg.Throttle.Check();
        if (verdict == ThrottleVerdict.Disconnect) reg.Link.Close(LinkClose.Flooding);
        return verdict;
    }

    public void Reject(ConnId conn, DecodeError error)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        stats.OnReceived(null);
        Post(links.Find(conn), null, null, new Input.Invalid(conn, error.Code, error.Message, NowMs, error.SessionId));
        stats.Prometheus.OnRelayed(arrived);
    }

    /// <summary>The connection is gone: the router hears of it, and the link is forgotten.</summary>
    public void Disconnect(ConnId conn)
    {
        if (!links.TryRemove(conn, out var reg)) return;
        reg.Throttle.Dispose();
        cluster?.Gone(conn); // first: a connection waiting in the cluster gate posts nothing after this
        partitions.Gone(reg, new Input.Disconnected(conn, NowMs));
    }

    public void CloseAll(LinkClose reason)
    {
        foreach (var reg in links.All) reg.Link.Close(reason);
    }
}

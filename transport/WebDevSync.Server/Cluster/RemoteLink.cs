using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// On the owner node, a client whose socket is on another node (the origin): what the router sends it is
/// published to the origin, which writes it on the socket. Never blocks: a publish is queued on the
/// multiplexer. Closing it tells the origin to close the socket, and the hub forgets the link.
/// </summary>
internal sealed class RemoteLink(ConnId id, string origin, long originConn, ClusterStore store, Action<RemoteLink> onClosed) : IClientLink
{
    private int _closed;

    public ConnId Id => id;

    public string Origin => origin;

    public long OriginConn => originConn;

    public void Deliver(ServerMessage message)
    {
        if (Volatile.Read(ref _closed) == 0) store.Publish(origin, new ClusterFrame.Deliver(originConn, ServerMessageEncoder.ToBytes(message)));
    }

    public void Close(LinkClose reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        store.Publish(origin, new ClusterFrame.Close(originConn, (int)reason.Kind, reason.Text));
        onClosed(this);
    }

    /// <summary>The origin said its socket is gone: nothing more is published to it.</summary>
    public void Gone() => Volatile.Write(ref _closed, 1);
}

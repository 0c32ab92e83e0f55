using System.Net;
using System.Net.Sockets;

namespace WebDevSync.Server.WebSockets.Direct;

/// <summary>
/// Marks the plain-HTTP listener whose WebSocket upgrades are taken straight off the socket. Kestrel's
/// socket transport does not bind this type, so <see cref="DirectListenerFactory"/> does; once bound,
/// Kestrel reports the listener's plain <see cref="IPEndPoint"/> (with the real port).
/// </summary>
internal sealed class DirectWebSocketEndPoint(IPEndPoint address) : EndPoint
{
    public IPEndPoint Address { get; } = address;

    public override AddressFamily AddressFamily => Address.AddressFamily;

    public override string ToString() => Address.ToString();
}

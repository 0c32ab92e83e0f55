using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using WebDevSync.Server.Auth;
using WebDevSync.Server.WebSockets.Direct;

namespace WebDevSync.Server.WebSockets;

/// <summary>A direct connection past its handshake: the socket, the verified user, the counted address.</summary>
internal sealed record OpenedWebSocket(WebSocket Socket, string? User, IPAddress Remote);

/// <summary>
/// The direct path's half of the endpoint (see <see cref="DirectListener"/>). Opening and serving are
/// two calls so that nothing of the handshake (head, headers, reply buffer) stays reachable from the
/// frames that live as long as the connection: that is most of what an idle connection costs.
/// </summary>
internal sealed partial class WebSocketEndpoint
{
    /// <summary>
    /// Counts the address, checks the upgrade like any other and answers 101; null when refused (the
    /// refusal is written). An opened socket must be passed to <see cref="ServeDirectAsync"/>, which uncounts it.
    /// </summary>
    public async Task<OpenedWebSocket?> OpenDirectAsync(NetworkStream stream, DirectUpgrade upgrade)
    {
        var remote = upgrade.Request.Remote;
        if (!gate.TryCount(remote))
        {
            gate.Refused(upgrade.Request, TooMany);
            await RefuseDirectAsync(stream, TooMany);
            return null;
        }
        var opened = false;
        try
        {
            var admission = await gate.AdmitAsync(upgrade.Request);
            var socket = await admission.Match<Task<OpenedWebSocket?>>(
                Right: async a => new OpenedWebSocket(await AcceptDirectAsync(stream, upgrade), a.Caller?.UserId, remote),
                Left: async r => { await RefuseDirectAsync(stream, r); return null; });
            opened = socket is not null;
            return socket;
        }
        finally
        {
            if (!opened) gate.Uncount(remote);
        }
    }

    public async Task ServeDirectAsync(OpenedWebSocket opened)
    {
        try
        {
            using (opened.Socket) await ServeAsync(opened.Socket, opened.User, opened.Remote);
        }
        finally
        {
            gate.Uncount(opened.Remote);
        }
    }

    public async Task RefuseDirectAsync(NetworkStream stream, Refusal refusal)
    {
        var reply = new ArrayBufferWriter<byte>(256);
        HandshakeReplies.WriteRefusal(reply, refusal.Status, refusal.Reason);
        await stream.WriteAsync(reply.WrittenMemory);
    }

    private async Task<WebSocket> AcceptDirectAsync(NetworkStream stream, DirectUpgrade upgrade)
    {
        var protocol = ChosenProtocol(upgrade.Request.Protocols);
        var reply = new ArrayBufferWriter<byte>(256);
        HandshakeReplies.WriteAccept(reply, upgrade.Key, protocol);
        await stream.WriteAsync(reply.WrittenMemory);
        return WebSocket.CreateFromStream(new ReadAheadStream(stream), new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = protocol,
            KeepAliveInterval = Heartbeat,
            KeepAliveTimeout = Heartbeat,
        });
    }
}

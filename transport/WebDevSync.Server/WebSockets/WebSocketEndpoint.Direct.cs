using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;
using WebDevSync.Server.Auth;
using WebDevSync.Server.WebSockets.Direct;

namespace WebDevSync.Server.WebSockets;

/// <summary>The direct path's half of the endpoint: upgrades read off the socket by <see cref="DirectListener"/>.</summary>
internal sealed partial class WebSocketEndpoint
{
    /// <summary>Checks the upgrade like any other, answers 101 and serves the WebSocket on the stream.</summary>
    public Task ServeDirectAsync(NetworkStream stream, DirectUpgrade upgrade) =>
        AdmitAsync(upgrade.Request, r => RefuseDirectAsync(stream, r), user => AcceptDirectAsync(stream, upgrade, user));

    public async Task RefuseDirectAsync(NetworkStream stream, Refusal refusal)
    {
        var reply = new ArrayBufferWriter<byte>(256);
        HandshakeReplies.WriteRefusal(reply, refusal.Status, refusal.Reason);
        await stream.WriteAsync(reply.WrittenMemory);
    }

    private async Task AcceptDirectAsync(NetworkStream stream, DirectUpgrade upgrade, string? authUser)
    {
        var protocol = ChosenProtocol(upgrade.Request.Protocols);
        var reply = new ArrayBufferWriter<byte>(256);
        HandshakeReplies.WriteAccept(reply, upgrade.Key, protocol);
        await stream.WriteAsync(reply.WrittenMemory);
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = protocol,
            KeepAliveInterval = Heartbeat,
            KeepAliveTimeout = Heartbeat,
        });
        await ServeAsync(socket, authUser, upgrade.Request.Remote);
    }
}

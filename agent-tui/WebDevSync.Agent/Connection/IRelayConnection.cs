using LanguageExt;
using WebDevSync.Core.Protocol;
using WebDevSync.Json;

namespace WebDevSync.Agent.Connection;

/// <summary>How a link ended: a reason for people, the WebSocket close status when there was one, and the refusal when it was refused.</summary>
public sealed record LinkEnd(string Reason, int? CloseStatus, WebDevSync.Agent.Model.RelayRefusal? Refusal = null);

/// <summary>
/// One connection to the relay, whatever carries it: the WebSocket JSON transport or the native gRPC
/// one, picked by the URL's scheme in <see cref="RelayConnections.For"/>.
/// One sender and one receiver at a time; the agent's link driver guarantees that.
/// </summary>
public interface IRelayConnection : IAsyncDisposable
{
    /// <summary>Opens the connection; throws (any exception) when it cannot, with a message fit for the screen.</summary>
    Task ConnectAsync(CancellationToken ct);

    ValueTask SendAsync(ClientMessage message, CancellationToken ct);

    /// <summary>Receives until the connection ends, handing each frame over decoded; returns why it ended.</summary>
    Task<LinkEnd> ReceiveAsync(Action<Either<DecodeError, ServerMessage>> onFrame, CancellationToken ct);

    /// <summary>Ends the connection politely (a close handshake where the transport has one).</summary>
    Task CloseAsync(CancellationToken ct);
}

/// <summary>Chooses the transport for a URL.</summary>
public static class RelayConnections
{
    public static Func<IRelayConnection> For(string url, string? token) =>
        new Uri(url).Scheme switch
        {
            "ws" or "wss" => () => new WebSocketRelayConnection(new Uri(url), token),
            "grpc" or "grpcs" => () => new GrpcRelayConnection(new Uri(url), token),
            var other => throw new NotSupportedException($"no transport for '{other}' URLs"),
        };
}

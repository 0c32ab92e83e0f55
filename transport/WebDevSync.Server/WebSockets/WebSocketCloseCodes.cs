using System.Net.WebSockets;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.WebSockets;

/// <summary>The WebSocket close status for each reason the relay closes a link (the spec's "Close codes").</summary>
internal static class WebSocketCloseCodes
{
    /// <summary>4001: the client was replaced by a newer connection with its id; agents do not reconnect on it.</summary>
    public const WebSocketCloseStatus Replaced = (WebSocketCloseStatus)4001;

    public static WebSocketCloseStatus Of(LinkCloseKind kind) => kind switch
    {
        LinkCloseKind.Normal => WebSocketCloseStatus.NormalClosure,
        LinkCloseKind.Replaced => Replaced,
        LinkCloseKind.Idle or LinkCloseKind.Shutdown => WebSocketCloseStatus.EndpointUnavailable,
        LinkCloseKind.SlowReader or LinkCloseKind.Flooding or LinkCloseKind.HandshakeTimeout => WebSocketCloseStatus.PolicyViolation,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

using System.Net.WebSockets;

namespace WebDevSync.TestKit.Json;

/// <summary>The connection closed while a message was awaited (an <see cref="InvalidOperationException"/>: the socket can give no more).</summary>
public sealed class ConnectionClosedException(WebSocketCloseStatus? status, string? reason)
    : InvalidOperationException($"connection closed ({status?.ToString() ?? "no close frame"} '{reason}') while a message was awaited")
{
    public WebSocketCloseStatus? Status { get; } = status;
}

/// <summary>A message came that the test did not expect: what was expected, and what came.</summary>
public sealed class UnexpectedMessageException(string expected, Frame got)
    : Exception($"expected {expected} but got: {got.Short}")
{
    public Frame Got { get; } = got;
}

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.WebSockets.Direct;

/// <summary>Binds <see cref="DirectWebSocketEndPoint"/>s for Kestrel (see <see cref="DirectListener"/>).</summary>
internal sealed class DirectListenerFactory(WebSocketEndpoint endpoint, ServerOptions options, ILoggerFactory logs)
    : IConnectionListenerFactory, IConnectionListenerFactorySelector
{
    public bool CanBind(EndPoint endPoint) => endPoint is DirectWebSocketEndPoint;

    public ValueTask<IConnectionListener> BindAsync(EndPoint endPoint, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IConnectionListener>(DirectListener.Bind(
            ((DirectWebSocketEndPoint)endPoint).Address,
            Encoding.ASCII.GetBytes("GET " + options.WebsocketEndpoint),
            TimeSpan.FromMilliseconds(options.HandshakeTimeoutMs),
            endpoint,
            logs.CreateLogger<DirectListener>()));
}

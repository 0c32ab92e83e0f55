using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WebDevSync.Server.Hosting;

/// <summary>
/// Listen-endpoint helpers. On cleartext, Kestrel's Http1AndHttp2 endpoint serves HTTP/1.1 only (HTTP/2
/// needs ALPN, i.e. TLS), so native gRPC over h2c (prior knowledge) needs its own Http2-only endpoint,
/// while gRPC-Web, WebSocket and static files share an HTTP/1.1 endpoint. The returned options report
/// the bound port after the server has started (useful with port 0).
/// </summary>
internal static class KestrelListeners
{
    /// <summary>Native gRPC over cleartext HTTP/2 with prior knowledge.</summary>
    public static ListenOptions ListenH2c(KestrelServerOptions options, IPAddress address, int port) =>
        Listen(options, address, port, HttpProtocols.Http2);

    /// <summary>HTTP/1.1 for gRPC-Web, WebSocket and static files.</summary>
    public static ListenOptions ListenHttp1(KestrelServerOptions options, IPAddress address, int port) =>
        Listen(options, address, port, HttpProtocols.Http1);

    /// <summary>The port an endpoint is bound to; after start this is the real port even when 0 was asked for.</summary>
    public static int BoundPort(ListenOptions listen) => ((IPEndPoint)listen.EndPoint).Port;

    private static ListenOptions Listen(KestrelServerOptions options, IPAddress address, int port, HttpProtocols protocols)
    {
        ListenOptions? configured = null;
        options.Listen(address, port, listen =>
        {
            listen.Protocols = protocols;
            configured = listen;
        });
        return configured ?? throw new InvalidOperationException("Kestrel did not configure the endpoint synchronously.");
    }
}

using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace WebDevSync.Server.Hosting;

/// <summary>
/// The relay's two listeners. Kestrel serves cleartext HTTP/2 only on an Http2-only endpoint, so native
/// gRPC (h2c) has its own port; WebSocket, gRPC-Web and static files share the HTTP/1.1 port.
/// </summary>
internal sealed class BoundEndpoints
{
    public ListenOptions? Http { get; set; }
    public ListenOptions? Grpc { get; set; }
    public bool Tls { get; set; }

    public string HttpUrl => Url(Http!);
    public string? GrpcUrl => Grpc is null ? null : Url(Grpc);

    private string Url(ListenOptions o) => $"{(Tls && o == Http ? "https" : "http")}://{o.IPEndPoint!.Address}:{KestrelListeners.BoundPort(o)}";
}

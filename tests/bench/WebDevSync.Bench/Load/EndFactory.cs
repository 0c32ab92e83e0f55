using System.Net;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using WebDevSync.Bench.Servers;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Bench.Load;

/// <summary>
/// WebSocket JSON; native gRPC both ends; gRPC-Web both ends (HTTP/1.1, a request per Send); a gRPC-Web tab
/// with a native gRPC agent; gRPC-Web both ends over HTTP/2 (every call a stream on shared connections, as
/// Chromium does over TLS).
/// </summary>
public enum Transport { WebSocket, Grpc, GrpcWeb, GrpcMixed, GrpcWebHttp2 }

/// <summary>Makes client ends of one transport against one running relay; owns the gRPC channels they share.</summary>
public sealed class EndFactory : IDisposable
{
    private readonly Transport _transport;
    private readonly ServerProcess _server;
    private readonly int _payload;
    private readonly GrpcChannel? _native;
    private readonly GrpcChannel? _web;

    public EndFactory(Transport transport, ServerProcess server, int payloadBytes)
    {
        (_transport, _server, _payload) = (transport, server, payloadBytes);
        if (transport is Transport.Grpc or Transport.GrpcMixed)
            _native = GrpcChannel.ForAddress(server.GrpcBase ?? throw new InvalidOperationException("this relay has no gRPC port"), new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false },
                MaxReceiveMessageSize = null,
            });
        if (transport is Transport.GrpcWeb or Transport.GrpcMixed or Transport.GrpcWebHttp2)
            _web = GrpcChannel.ForAddress(server.HttpBase, new GrpcChannelOptions
            {
                // Over HTTP/2 a further connection opens only when one has as many streams as the relay allows (100).
                HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, Pinned(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, EnableMultipleHttp2Connections = true }, server)),
                HttpVersion = transport == Transport.GrpcWebHttp2 ? HttpVersion.Version20 : HttpVersion.Version11,
                HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                MaxReceiveMessageSize = null,
            });
    }

    public IClientEnd Create(EndRole role, PairIdentity id) => (_transport, role) switch
    {
        (Transport.WebSocket, _) => new WsEnd(_server.WebSocketUrl, role, id, _payload, _server.Certificate),
        (Transport.Grpc, _) or (Transport.GrpcMixed, EndRole.Agent) => new GrpcEnd(new V1.WebDevSync.WebDevSyncClient(_native!), role, id, _payload),
        (Transport.GrpcWeb or Transport.GrpcWebHttp2, _) or (Transport.GrpcMixed, EndRole.Browser) => new GrpcWebEnd(new V1.WebDevSync.WebDevSyncClient(_web!), role, id, _payload),
        _ => throw new InvalidOperationException(_transport.ToString()),
    };

    /// <summary>With TLS the bench's clients accept the relay's own certificate and no other.</summary>
    private static SocketsHttpHandler Pinned(SocketsHttpHandler handler, ServerProcess server)
    {
        if (server.Certificate is { } trusted)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => WebDevSync.Bench.Servers.SelfSignedCertificate.Pinned(trusted, cert);
        return handler;
    }

    public void Dispose()
    {
        _native?.Dispose();
        _web?.Dispose();
    }
}

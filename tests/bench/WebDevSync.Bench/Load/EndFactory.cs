using System.Net;
using WebDevSync.Bench.Servers;

namespace WebDevSync.Bench.Load;

public enum Transport { WebSocket, Grpc, GrpcWeb }

/// <summary>Makes client ends of one transport against one running relay; owns the HTTP client they share.</summary>
public sealed class EndFactory : IDisposable
{
    private readonly HttpClient? _http;
    private readonly Transport _transport;
    private readonly ServerProcess _server;
    private readonly int _payload;

    public EndFactory(Transport transport, ServerProcess server, int payloadBytes)
    {
        (_transport, _server, _payload) = (transport, server, payloadBytes);
        _http = transport switch
        {
            Transport.Grpc => new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false })
                { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact, Timeout = Timeout.InfiniteTimeSpan },
            Transport.GrpcWeb => new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue })
                { Timeout = Timeout.InfiniteTimeSpan },
            _ => null,
        };
    }

    public IClientEnd Create(EndRole role, PairIdentity id) => _transport switch
    {
        Transport.WebSocket => new WsEnd(_server.WebSocketUrl, role, id, _payload),
        Transport.Grpc => new GrpcEnd(_http!, _server.GrpcBase ?? throw new InvalidOperationException("this relay has no gRPC port"), role, id, _payload),
        Transport.GrpcWeb => new GrpcWebEnd(_http!, _server.HttpBase, role, id, _payload),
        _ => throw new InvalidOperationException(_transport.ToString()),
    };

    public void Dispose() => _http?.Dispose();
}

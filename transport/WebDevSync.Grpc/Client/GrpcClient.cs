using System.Net;
using Google.Protobuf;

namespace WebDevSync.Grpc.Client;

/// <summary>
/// A minimal native gRPC client over HTTP/2 (h2c with prior knowledge, or TLS with ALPN), for the
/// streaming calls the agent needs. Grpc.Net.Client is not available here; this speaks the same wire.
/// </summary>
public sealed class GrpcClient(HttpMessageInvoker http, Uri address)
{
    /// <summary>An HttpClient handler fit for long-lived gRPC streams.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Starts a bidirectional call; throws <see cref="GrpcException"/> when the server refuses it at once.</summary>
    public async Task<GrpcDuplexCall<TRequest, TResponse>> DuplexAsync<TRequest, TResponse>(
        string path, MessageParser<TResponse> parser, IEnumerable<KeyValuePair<string, string>> metadata, CancellationToken ct)
        where TRequest : IMessage<TRequest> where TResponse : IMessage<TResponse>
    {
        var content = new FrameChannelContent();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (key, value) in metadata) request.Headers.TryAddWithoutValidation(key, value);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var response = await http.SendAsync(request, cancel.Token).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new GrpcException(GrpcStatusCode.Unavailable, $"HTTP {(int)response.StatusCode} from {address}");
        if (GrpcDuplexCall<TRequest, TResponse>.StatusOf(response.Headers) is { } immediate)
        {
            response.Dispose();
            throw new GrpcException(immediate); // Trailers-Only: refused before any message
        }
        var body = await response.Content.ReadAsStreamAsync(cancel.Token).ConfigureAwait(false);
        return new GrpcDuplexCall<TRequest, TResponse>(content, response, body, parser, cancel);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using WebDevSync.TestKit.Raw;

namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>A gRPC response seen byte for byte: HTTP status, headers, body frames and trailers.</summary>
public sealed record RawGrpcResponse(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, string? ContentType,
    byte[] Body, HttpResponseHeaders Trailers)
{
    /// <summary>From the trailers, or from the headers of a Trailers-Only response.</summary>
    public string? GrpcStatus => Get("grpc-status");
    public string? GrpcMessage => Get("grpc-message");

    /// <summary>A gRPC-Web status: from the trailer frame (flag 0x80) in the body, else from the headers (Trailers-Only).</summary>
    public string? WebStatus => GrpcFrames.Split(Body).Where(f => (f.Flags & 0x80) != 0)
        .Select(f => System.Text.Encoding.ASCII.GetString(f.Payload).Split("\r\n").FirstOrDefault(l => l.StartsWith("grpc-status:", StringComparison.OrdinalIgnoreCase)))
        .Select(l => l?.Split(':')[1].Trim()).FirstOrDefault() ?? GrpcStatus;

    public string? Get(string name) =>
        Trailers.TryGetValues(name, out var t) ? t.First() : Headers.TryGetValues(name, out var h) ? h.First() : null;

    public IReadOnlyList<(byte Flags, byte[] Payload)> Frames => GrpcFrames.Split(Body);
}

/// <summary>Hand-made gRPC requests over HttpClient: h2c with prior knowledge, or HTTP/1.1 for gRPC-Web.</summary>
public static class RawGrpc
{
    public static HttpClient H2c() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static HttpClient Http1() => new(new SocketsHttpHandler())
    {
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static byte[] Frame(IMessage message, byte flags = 0) => GrpcFrames.Frame(message.ToByteArray(), flags);

    public static HttpRequestMessage Request(Uri baseUri, string path, HttpContent content, string contentType = "application/grpc")
    {
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path)) { Content = content };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    public static async Task<RawGrpcResponse> PostAsync(HttpClient client, Uri baseUri, string path, byte[] body,
        string contentType = "application/grpc", params (string Name, string Value)[] headers)
    {
        using var request = Request(baseUri, path, new ByteArrayContent(body), contentType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await SendAsync(client, request);
    }

    public static async Task<RawGrpcResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        // A hand-made HttpRequestMessage does not pick up the client's default version on its own.
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return new RawGrpcResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType,
            body, response.TrailingHeaders);
    }

}

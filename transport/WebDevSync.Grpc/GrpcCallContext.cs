using Microsoft.AspNetCore.Http;
using WebDevSync.Grpc.Server;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc;

/// <summary>Everything a handler may know and set about its call besides the messages.</summary>
public sealed class GrpcCallContext
{
    private readonly CallResponseWriter _writer;

    internal GrpcCallContext(HttpContext httpContext, string method, GrpcProtocol protocol, DateTime? deadline,
        CancellationToken cancellationToken, CallResponseWriter writer)
    {
        HttpContext = httpContext;
        Method = method;
        Protocol = protocol;
        Deadline = deadline;
        CancellationToken = cancellationToken;
        _writer = writer;
    }

    public HttpContext HttpContext { get; }

    /// <summary>The path, "/package.Service/Method".</summary>
    public string Method { get; }

    public GrpcProtocol Protocol { get; }

    /// <summary>UTC deadline from grpc-timeout, or null for none.</summary>
    public DateTime? Deadline { get; }

    /// <summary>Cancelled when the client goes away (RST_STREAM / closed connection) or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Request metadata (HTTP headers; "-bin" values are base64, see <see cref="GrpcMetadata"/>).</summary>
    public IHeaderDictionary RequestHeaders => HttpContext.Request.Headers;

    /// <summary>Response metadata; can be changed until the first message or <see cref="WriteResponseHeadersAsync"/>.</summary>
    public IHeaderDictionary ResponseHeaders => HttpContext.Response.Headers;

    /// <summary>Custom trailing metadata sent with the status.</summary>
    public IList<KeyValuePair<string, string>> ResponseTrailers { get; } = new List<KeyValuePair<string, string>>();

    /// <summary>The status sent when the handler returns normally (throw <see cref="GrpcException"/> to fail instead).</summary>
    public GrpcStatus Status { get; set; } = GrpcStatus.Ok;

    /// <summary>Sends the response headers now, so a subscriber sees the call open before the first message.</summary>
    public Task WriteResponseHeadersAsync() => _writer.WriteHeadersAsync(CancellationToken);
}

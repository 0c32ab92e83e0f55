using Microsoft.AspNetCore.Http;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Server;

/// <summary>Gatekeeping shared by real methods and the UNIMPLEMENTED catch-all.</summary>
internal static class GrpcRequestCheck
{
    /// <summary>
    /// The request's wire form, or null after answering with a plain HTTP error: 415 for a non-gRPC
    /// content type (PROTOCOL-HTTP2.md), 426 for native gRPC over HTTP/1.x (it needs HTTP/2 trailers),
    /// 405 for anything but POST.
    /// </summary>
    public static GrpcProtocol? Check(HttpContext http)
    {
        var protocol = GrpcContentType.Classify(http.Request.ContentType);
        if (protocol is null)
        {
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return null;
        }
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return null;
        }
        if (protocol == GrpcProtocol.Native && (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol)))
        {
            http.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            http.Response.Headers.Upgrade = "h2c";
            return null;
        }
        return protocol;
    }

    public static void PrepareResponse(HttpContext http, GrpcProtocol protocol, GrpcServerOptions options)
    {
        http.Response.ContentType = GrpcContentType.ForResponse(protocol, http.Request.ContentType);
        http.Response.Headers[GrpcTrailers.AcceptEncoding] = "identity";
        if (protocol != GrpcProtocol.Native) GrpcCors.ApplyToResponse(http, options);
    }
}

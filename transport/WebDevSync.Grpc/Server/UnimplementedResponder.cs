using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Server;

/// <summary>Answers gRPC requests for paths no registered method serves with UNIMPLEMENTED.</summary>
internal static class UnimplementedResponder
{
    public static async Task HandleAsync(HttpContext http, IReadOnlySet<string> knownServices, GrpcServerOptions options, ILogger logger)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || GrpcContentType.Classify(http.Request.ContentType) is null)
        {
            // Not a gRPC request at all: behave like any web server for an unknown path.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            GrpcLog.NotGrpc(logger, http.Request.Path, http.Request.ContentType, http.Response.StatusCode);
            return;
        }
        if (GrpcRequestCheck.Check(http) is not { } protocol) return;
        GrpcRequestCheck.PrepareResponse(http, protocol, options);
        var path = http.Request.Path.Value ?? "";
        var service = ServiceOf(path);
        var detail = service is not null && knownServices.Contains(service)
            ? $"Method is unimplemented: {path}"
            : $"Service is unimplemented: {service ?? path}";
        GrpcLog.Unimplemented(logger, path);
        var writer = new CallResponseWriter(http.Response, protocol, options.MaxSendMessageSize);
        await writer.CompleteAsync(new GrpcStatus(GrpcStatusCode.Unimplemented, detail), []);
        options.OnCallCompleted?.Invoke(new GrpcCallInfo(path, protocol, new GrpcStatus(GrpcStatusCode.Unimplemented, detail), false));
    }

    /// <summary>"/pkg.Service/Method" → "pkg.Service"; null for paths not of that shape.</summary>
    internal static string? ServiceOf(string path)
    {
        var parts = path.Split('/');
        return parts.Length == 3 && parts[0].Length == 0 && parts[1].Length > 0 && parts[2].Length > 0 ? parts[1] : null;
    }
}

using Microsoft.AspNetCore.Http;

namespace WebDevSync.Grpc.Server;

/// <summary>CORS for gRPC-Web: preflight answers and the headers browsers need to read a call's status.</summary>
internal static class GrpcCors
{
    private const string DefaultAllowedHeaders = "content-type, x-grpc-web, x-user-agent, grpc-timeout, authorization";

    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");

    public static void AnswerPreflight(HttpContext context, GrpcServerOptions options)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status204NoContent;
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !options.IsOriginAllowed(origin)) return;
        AllowOrigin(response, origin);
        response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
        var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
        response.Headers.AccessControlAllowHeaders = requested.Length > 0 ? requested : DefaultAllowedHeaders;
        response.Headers.AccessControlMaxAge = "7200";
    }

    /// <summary>On an actual call from an allowed origin: allow it and expose the status headers.</summary>
    public static void ApplyToResponse(HttpContext context, GrpcServerOptions options)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !options.IsOriginAllowed(origin)) return;
        AllowOrigin(context.Response, origin);
        context.Response.Headers.AccessControlExposeHeaders =
            string.Join(", ", new[] { "grpc-status", "grpc-message", "grpc-status-details-bin" }.Concat(options.ExposedHeaders));
    }

    private static void AllowOrigin(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.AccessControlAllowCredentials = "true";
        response.Headers.Vary = "Origin";
    }
}

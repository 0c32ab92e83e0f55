using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.GrpcApi;

/// <summary>
/// The relay's gRPC service on Grpc.AspNetCore and Grpc.AspNetCore.Web: native gRPC on the h2c port
/// (or the TLS port, by ALPN) and gRPC-Web on the HTTP/1.1 port, with CORS from ASP.NET Core's
/// middleware under the same origin rule as the WebSocket handshake.
/// </summary>
internal static class GrpcHosting
{
    public const string CorsPolicy = "grpc-web";

    /// <summary>What browsers may read of a gRPC-Web response besides the body: the call's status.</summary>
    public static readonly string[] ExposedHeaders = ["Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin"];

    public static IServiceCollection AddRelayGrpc(this IServiceCollection services, ServerOptions options)
    {
        services.AddGrpc(o =>
        {
            // Room for the framing and the other fields of a message whose code is at the limit; past
            // it the framework ends the call with RESOURCE_EXHAUSTED before parsing.
            o.MaxReceiveMessageSize = Bytes(options.MaxMessageBytes + 1024L);
            // An edit or update carries one code at most maxMessageBytes of UTF-16 code units: up to 3 bytes each in UTF-8.
            o.MaxSendMessageSize = Bytes(options.MaxMessageBytes * 3L + 1024);
            o.EnableDetailedErrors = false; // exception texts stay in the log, never in grpc-message
            o.Interceptors.Add<CallErrorBoundary>();
        });
        // grpc-dotnet logs each failed call, a peer's unparsable or oversized message included, as an
        // error with a stack trace: a peer could flood the log. CallErrorBoundary logs real bugs.
        services.Configure<LoggerFilterOptions>(f =>
        {
            f.AddFilter("Grpc", LogLevel.Warning);
            f.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.None);
        });
        services.AddSingleton<GrpcSubscriptions>();
        services.AddSingleton<RelayGrpcService>();
        services.AddOptions<CorsOptions>().Configure<HandshakeGate>((cors, gate) => cors.AddPolicy(CorsPolicy, p => p
            .SetIsOriginAllowed(origin => gate.OriginAllowed(origin, null))
            .AllowCredentials()
            .WithMethods(HttpMethods.Post)
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)));
        return services;
    }

    private static int Bytes(long n) => (int)Math.Min(n, int.MaxValue);

    /// <summary>After routing: gRPC-Web translation, then CORS for the endpoints that name a policy (the gRPC ones).</summary>
    public static void UseRelayGrpcWeb(this WebApplication app)
    {
        app.UseGrpcWeb();
        app.UseWhen(ctx => ctx.GetEndpoint()?.Metadata.GetMetadata<ICorsMetadata>() is not null, b => b.UseCors());
    }

    public static void MapRelayGrpc(this WebApplication app) =>
        app.MapGrpcService<RelayGrpcService>().EnableGrpcWeb().RequireCors(CorsPolicy);
}

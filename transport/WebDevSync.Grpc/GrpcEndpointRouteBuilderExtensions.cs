using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebDevSync.Grpc.Server;

namespace WebDevSync.Grpc;

/// <summary>Maps gRPC services onto ASP.NET Core endpoints (native gRPC, gRPC-Web and gRPC-Web-text alike).</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    private const string CatchAllPattern = "/{**grpcUnknownPath}";

    // Services mapped per route builder, so the catch-all can tell "unknown method" from "unknown service".
    private static readonly ConditionalWeakTable<IEndpointRouteBuilder, HashSet<string>> KnownServices = new();

    /// <summary>
    /// Maps every method at "/package.Service/Method" (POST, plus OPTIONS for CORS preflight) and, on the
    /// first call for this route builder, a low-precedence catch-all that answers gRPC requests for
    /// unknown services and methods with UNIMPLEMENTED (anything else there gets 404).
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints,
        GrpcServiceDefinition service, GrpcServerOptions? options = null)
    {
        options ??= new GrpcServerOptions();
        var logger = LoggerFor(endpoints);
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var method in service.Methods)
        {
            var definition = method;
            builders.Add(endpoints.MapMethods(definition.Path, [HttpMethods.Post, HttpMethods.Options],
                    (HttpContext http) => CallDispatcher.HandleAsync(http, definition, options, logger))
                .WithDisplayName($"gRPC {definition.Path}"));
        }
        var known = KnownServices.GetOrCreateValue(endpoints);
        lock (known)
        {
            var firstService = known.Count == 0;
            known.Add(service.Name);
            if (firstService)
            {
                // Every method, not only POST: a POST-only route would turn other requests for unknown
                // paths into 405s; the responder answers those 404 like any web server.
                endpoints.Map(CatchAllPattern, (HttpContext http) => UnimplementedResponder.HandleAsync(http, Snapshot(known), options, logger))
                    .WithDisplayName("gRPC unimplemented").WithOrder(int.MaxValue - 1);
            }
        }
        return new CompositeConventionBuilder(builders);
    }

    private static IReadOnlySet<string> Snapshot(HashSet<string> known)
    {
        lock (known) return known.ToHashSet();
    }

    private static ILogger LoggerFor(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger("WebDevSync.Grpc") ?? NullLogger.Instance;

    private sealed class CompositeConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders) builder.Add(convention);
        }
    }
}

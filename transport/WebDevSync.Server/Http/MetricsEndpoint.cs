using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Http;

/// <summary>
/// <c>/web-dev-sync/metrics</c>: the relay's registry in the Prometheus text format (or OpenMetrics when
/// the scraper asks for it), served by prometheus-net.AspNetCore. Guarded like the debug endpoint
/// (<c>metricsEndpoint</c>: loopback or an admin token by default, any, off); refused callers get 404,
/// so the endpoint's existence is not disclosed.
/// </summary>
internal static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this WebApplication app, string prefix)
    {
        var access = app.Services.GetRequiredService<ServerOptions>().MetricsEndpointAccess;
        if (access == "off") return;
        var path = $"{prefix}/metrics";
        var gate = app.Services.GetRequiredService<HandshakeGate>();
        app.UseWhen(ctx => ctx.Request.Path.Equals(path, StringComparison.Ordinal), b => b.Use(async (ctx, next) =>
        {
            if (await StatusEndpoints.AllowedAsync(access, ctx, gate)) await next(ctx);
            else ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        }));
        app.MapMetrics(path, app.Services.GetRequiredService<RelayStats>().Prometheus.Registry);
    }
}

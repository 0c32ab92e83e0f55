using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using Microsoft.Extensions.DependencyInjection;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Cluster;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Http;

/// <summary><c>/web-dev-sync/status</c>, <c>/debug</c> and <c>/healthz</c> (seed: "Status and Debug Endpoints").</summary>
internal static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix}/status", async (HttpContext ctx, PartitionSet partitions, RelayStats stats) =>
            Results.Json(ctx.RequestServices.GetService<LocalNode>() is { } node
                ? await ClusterStatus.OfAsync(stats, node, ctx.RequestServices.GetRequiredService<ClusterGate>(),
                    ctx.RequestServices.GetRequiredService<Orleans.Runtime.IClusterMembershipService>(), ctx.RequestServices.GetRequiredService<Orleans.IGrainFactory>())
                : Status(partitions.Counts(), stats)));
        app.MapGet($"{prefix}/healthz", () => Results.Text("ok"));
        app.MapGet($"{prefix}/debug", async (HttpContext ctx, PartitionSet partitions, TimeProvider time, ServerOptions o, HandshakeGate gate) =>
            await AllowedAsync(o.DebugEndpointAccess, ctx, gate)
                ? Results.Json(DebugView.Of(partitions.Snapshots(), time.GetUtcNow().ToUnixTimeMilliseconds()))
                : Results.NotFound());
    }

    public static object Status(StatusCounts counts, RelayStats stats) => new
        {
            active = true,
            uptime = Math.Round(stats.Uptime.TotalSeconds, 3),
            connections = new { browser = counts.Browsers, desktop = counts.Agents },
            sessions = new { users = counts.Users, active = counts.Sessions },
            messages = new { received = stats.Received, sent = stats.Sent },
            errors = new { total = stats.Errors, byCode = stats.ErrorsByCode },
        };

    /// <summary>
    /// The debug dump shows who is connected and what is open (and the metrics how busy the relay is), so
    /// only loopback (by default) or a caller with an admin token may read it; <c>off</c> hides it from everyone.
    /// </summary>
    internal static async Task<bool> AllowedAsync(string access, HttpContext ctx, HandshakeGate gate) => access switch
    {
        "off" => false,
        "any" => true,
        // Loopback means a loopback peer that also named a loopback host: a rebound name is not enough.
        _ when ctx.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) && HandshakeGate.IsLoopbackName(ctx.Request.Host.Host) => true,
        _ => await IsAdminAsync(ctx, gate),
    };

    private static async Task<bool> IsAdminAsync(HttpContext ctx, HandshakeGate gate) =>
        gate.Tokens is { } tokens && HandshakeGate.BearerOf(ctx.Request.Headers.Authorization) is { } token &&
        (await tokens.ValidateAsync(token)).Fold(c => c.IsAdmin, _ => false);
}

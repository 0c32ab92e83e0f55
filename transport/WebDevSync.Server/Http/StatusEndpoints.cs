using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Http;

/// <summary><c>/web-dev-sync/status</c>, <c>/debug</c> and <c>/healthz</c> (seed: "Status and Debug Endpoints").</summary>
internal static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapGet($"{prefix}/status", (RelayHub hub) => Results.Json(Status(hub)));
        app.MapGet($"{prefix}/healthz", () => Results.Text("ok"));
        app.MapGet($"{prefix}/debug", (HttpContext ctx, RelayHub hub, ServerOptions o) =>
            DebugAllowed(ctx, o) ? Results.Json(DebugView.Of(hub.Snapshots(), hub.NowMs)) : Results.NotFound());
    }

    public static object Status(RelayHub hub)
    {
        var counts = hub.Counts();
        return new
        {
            active = true,
            uptime = Math.Round(hub.Uptime.TotalSeconds, 3),
            connections = new { browser = counts.Browsers, desktop = counts.Desktops },
            sessions = new { users = counts.Users, active = counts.Sessions },
            messages = new { received = hub.Stats.Received, sent = hub.Stats.Sent },
            errors = new { total = hub.Stats.Errors, byCode = hub.Stats.ErrorsByCode },
        };
    }

    /// <summary>The dump shows who is connected and what is open, so by default only loopback may read it.</summary>
    private static bool DebugAllowed(HttpContext ctx, ServerOptions o) => o.DebugEndpointAccess switch
    {
        "any" => true,
        "loopback" => ctx.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip),
        _ => false,
    };
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Hosting;

/// <summary>
/// Running as a service: under systemd (Microsoft.Extensions.Hosting.Systemd) the relay tells the
/// manager when it is ready and when it stops (<c>Type=notify</c>) and logs in systemd's format, one
/// line per entry with its priority (<c>&lt;6&gt;</c>), which the journal stores as the entry's level.
/// <c>logFormat</c> picks the console format explicitly: <c>json</c> for log shippers, <c>simple</c>, or
/// <c>systemd</c>; <c>auto</c> leaves it to the host (systemd's under systemd, simple otherwise).
/// </summary>
internal static class ServiceHosting
{
    public static void Configure(WebApplicationBuilder builder, ServerOptions options)
    {
        builder.Services.AddSystemd(); // does nothing unless started by systemd
        switch (options.LogFormat)
        {
            case "json":
                builder.Logging.AddJsonConsole(j =>
                {
                    j.UseUtcTimestamp = true;
                    j.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            case "simple":
                builder.Logging.AddSimpleConsole(s => s.SingleLine = true);
                break;
            case "systemd":
                builder.Logging.AddSystemdConsole();
                break;
        }
        // The host's formatter choice (systemd's under systemd) applies only to auto.
        if (options.LogFormat != "auto")
            builder.Services.PostConfigure<ConsoleLoggerOptions>(c => c.FormatterName = options.LogFormat == "simple" ? ConsoleFormatterNames.Simple : options.LogFormat);
    }

    /// <summary>
    /// The "listening on" lines operators and scripts wait for: plain lines on stdout, except with JSON
    /// logs, where they are log entries like every other line (a log shipper reads only JSON).
    /// </summary>
    public static void Announce(WebApplication app, ServerOptions options, string url, string? grpcUrl)
    {
        if (options.LogFormat == "json")
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WebDevSync.Server");
            Log.Listening(log, url);
            if (grpcUrl is not null) Log.Listening(log, $"{grpcUrl} (gRPC, h2c)");
            return;
        }
        Console.WriteLine($"WebDevSync listening on {url}");
        if (grpcUrl is not null) Console.WriteLine($"WebDevSync gRPC (h2c) listening on {grpcUrl}");
        Console.Out.Flush();
    }
}

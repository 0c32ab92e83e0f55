using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Auth;
using WebDevSync.Server.GrpcApi;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Http;
using WebDevSync.Server.Relay;
using WebDevSync.Server.WebSockets;
using WebDevSync.Server.WebSockets.Direct;
using Microsoft.AspNetCore.Connections;

namespace WebDevSync.Server.Hosting;

/// <summary>Builds and runs the relay: Kestrel, the WebSocket endpoint, status endpoints and static files.</summary>
public static class ServerApp
{
    public const string Prefix = "/web-dev-sync";

    public static async Task<int> RunAsync(string[] args)
    {
        if (Usage.Answer(args) is { } answer)
        {
            Console.WriteLine(answer);
            return 0;
        }
        var loaded = ServerConfiguration.Load(args, ServerConfiguration.ProcessEnvironment());
        if (loaded.IsLeft)
        {
            loaded.IfLeft(e => Console.Error.WriteLine(e));
            return 2;
        }
        var options = loaded.RightToSeq().Head;
        if (CommandLineSwitches.Subcommand(args) == "token")
            return TokenCommand.Run(options, CommandLineSwitches.Parse(args), TimeProvider.System);
        await using var app = Build(options);
        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // A second relay on one machine: each needs its own --port and --grpc-port (docs/DEPLOY.md).
            Console.Error.WriteLine($"cannot start: {e.Message} Another process holds that port; choose another with --port or --grpc-port (0 picks a free one).");
            return 1;
        }
        ServiceHosting.Announce(app, options, $"{BaseUrl(app)}{Prefix}/", GrpcUrl(app));
        await app.WaitForShutdownAsync();
        return 0;
    }

    public static WebApplication Build(ServerOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var webRoot = options.WebRoot ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(options.Debug ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning); // request logs would carry URLs
        builder.Logging.AddFilter("Orleans", LogLevel.Warning); // a cluster node's silo: its start-up and membership chatter
        builder.Logging.AddFilter("Polly", LogLevel.Warning); // Orleans's placement retries log every attempt at Information
        // A failed start surfaces as StartAsync's exception (one line for a taken port, see RunAsync);
        // the host's own log of it would print the whole stack trace first.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        ServiceHosting.Configure(builder, options);
        logging?.Invoke(builder.Logging);
        var endpoints = new BoundEndpoints { Tls = options.TlsEnabled };
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            var address = ServerHost.ListenAddress(options.Host)!;
            endpoints.Http = options.TlsEnabled ? ListenTls(k, address, options)
                : options.DirectWebSockets ? ListenDirect(k, address, options.Port)
                : KestrelListeners.ListenHttp1(k, address, options.Port);
            if (options.EffectiveGrpcPort >= 0) endpoints.Grpc = KestrelListeners.ListenH2c(k, address, options.EffectiveGrpcPort);
        });
        builder.Services.AddSingleton(endpoints);
        builder.Services.AddRelayGrpc(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRelay(options);
        if (options.Redis is not null) Cluster.ClusterHosting.AddCluster(builder, options);
        builder.Services.AddSingleton<WebSocketEndpoint>();
        builder.Services.AddSingleton<IConnectionListenerFactory, DirectListenerFactory>();
        builder.Services.AddSingleton(new ConnectionCounter(options.MaxConnectionsPerAddress));
        builder.Services.AddSingleton<HandshakeGate>();
        builder.Services.AddCors(c => c.AddDefaultPolicy(p =>
            (options.CorsOrigins.Contains("*") ? p.AllowAnyOrigin() : p.WithOrigins([.. options.CorsOrigins]).AllowCredentials()).AllowAnyHeader().AllowAnyMethod()));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        // Under /web-dev-sync the default policy; the gRPC endpoints carry their own (GrpcHosting).
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(Prefix), b => b.UseCors());
        app.UseWebSockets();
        if (Directory.Exists(webRoot)) ServeStaticFiles(app, webRoot);
        app.UseRouting();
        app.UseRelayGrpcWeb();
        app.Map(options.WebsocketEndpoint, (HttpContext ctx, WebSocketEndpoint ws) => ws.HandleAsync(ctx));
        app.MapStatusEndpoints(Prefix);
        app.MapMetricsEndpoint(Prefix);
        app.MapRelayGrpc();
        app.MapGet("/", () => Results.Redirect($"{Prefix}/"));
        app.MapGet(Prefix, () => Results.Redirect($"{Prefix}/"));

        var hub = app.Services.GetRequiredService<RelayHub>();
        var partitions = app.Services.GetRequiredService<PartitionSet>(); // loads and restores the saved sessions
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WebDevSync.Server");
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            Log.ShuttingDown(log, partitions.Counts() is var c ? c.Browsers + c.Agents : 0);
            hub.CloseAll(LinkClose.Shutdown);
        });
        if (app.Services.GetService<Cluster.LocalNode>() is { } node)
            Cluster.ClusterMetrics.Register(app.Services.GetRequiredService<RelayStats>(), node, app.Services.GetRequiredService<Orleans.Runtime.IClusterMembershipService>());
        if (options.Debug) MetricsLog.Start(app.Lifetime.ApplicationStopping, partitions, app.Services.GetRequiredService<RelayStats>(), log);
        if (!options.AuthEnabled) Log.OpenMode(log);
        return app;
    }

    /// <summary>The HTTP/1.1 address (WebSocket, gRPC-Web, static files), e.g. <c>http://127.0.0.1:8071</c>.</summary>
    public static string BaseUrl(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>().HttpUrl;

    /// <summary>The native gRPC (h2c) address, or null when that port is off.</summary>
    public static string? GrpcUrl(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>().GrpcUrl;

    /// <summary>One TLS port: ALPN lets browsers (HTTP/1.1: WebSocket, gRPC-Web) and gRPC clients (HTTP/2) share it.</summary>
    private static Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions ListenTls(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions k, System.Net.IPAddress address, ServerOptions o)
    {
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? bound = null;
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(o.TlsCertificate!, o.TlsKey!);
        k.Listen(address, o.Port, l =>
        {
            l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
            bound = l;
        });
        return bound!;
    }

    /// <summary>The plain HTTP/1.1 port, bound by <see cref="DirectListener"/>: WebSocket upgrades skip Kestrel's HTTP layer.</summary>
    private static Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions ListenDirect(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions k, System.Net.IPAddress address, int port)
    {
        Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? bound = null;
        k.Listen(new DirectWebSocketEndPoint(new System.Net.IPEndPoint(address, port)), l =>
        {
            l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
            bound = l;
        });
        return bound!;
    }

    private static void ServeStaticFiles(WebApplication app, string webRoot)
    {
        var files = new PhysicalFileProvider(Path.GetFullPath(webRoot));
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Prefix, FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Prefix,
            FileProvider = files,
            OnPrepareResponse = r => r.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}

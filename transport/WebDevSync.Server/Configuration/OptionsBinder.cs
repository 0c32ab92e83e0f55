using LanguageExt;
using Microsoft.Extensions.Configuration;

namespace WebDevSync.Server.Configuration;

/// <summary>Reads and checks every key; the first bad value becomes a <see cref="ConfigError"/> naming it.</summary>
internal static class OptionsBinder
{
    /// <summary>
    /// The keys <see cref="Bind"/> reads, found by binding an empty configuration (every key is read
    /// whatever its value): a key is known exactly when the binder uses it, so the two cannot drift apart.
    /// </summary>
    public static readonly KeyReader Known = Read(new ConfigurationBuilder().Build()).Reader;

    public static Either<ConfigError, ServerOptions> Bind(IConfiguration c) => Read(c).Result;

    private static (Either<ConfigError, ServerOptions> Result, KeyReader Reader) Read(IConfiguration c)
    {
        var r = new KeyReader(c);
        return (Bind(r), r);
    }

    private static Either<ConfigError, ServerOptions> Bind(KeyReader r)
    {
        var d = new ServerOptions();
        // The seed's file has these for its Express session and CORS middleware; they mean nothing here.
        r.Accept("cors:credentials", "session:cookie:secure", "session:resave", "session:saveUninitialized");
        var options = new ServerOptions
        {
            Host = r.Text("host", d.Host),
            Port = r.Int("port", d.Port, 0, 65535),
            GrpcPort = r.Has("grpcPort") ? r.Int("grpcPort", 8072, -1, 65535) : null,
            WebsocketEndpoint = r.Path("websocketEndpoint", d.WebsocketEndpoint),
            HeartbeatIntervalMs = r.Int("heartbeatInterval", d.HeartbeatIntervalMs, 1000, 3_600_000),
            // The switch --cors-origins arrives as "corsOrigins"; the file and CORS_ORIGINS use "cors:origin".
            CorsOrigins = r.Has("corsOrigins") ? r.Origins("corsOrigins", d.CorsOrigins) : r.Origins("cors:origin", d.CorsOrigins),
            SessionSecret = r.Text("session:secret", null!) is { Length: > 0 } s ? s : null,
            SessionMaxAgeMs = r.Long("sessionMaxAge", r.Long("session:cookie:maxAge", d.SessionMaxAgeMs, 1000), 1000),
            GracePeriodMs = r.Long("gracePeriod", d.GracePeriodMs, 0),
            LeaveGracePeriodMs = r.Long("leaveGracePeriod", d.LeaveGracePeriodMs, 0),
            IdleTimeoutMs = r.Long("idleTimeout", d.IdleTimeoutMs, 0),
            HandshakeTimeoutMs = r.Int("handshakeTimeout", d.HandshakeTimeoutMs, 100, 600_000),
            MaxMessageBytes = r.Int("maxMessageBytes", d.MaxMessageBytes, 1024, 256 * 1024 * 1024),
            MaxSessionsPerUser = r.Int("maxSessionsPerUser", d.MaxSessionsPerUser, 1, 100_000),
            MaxHeldBytesPerUser = r.Long("maxHeldBytesPerUser", d.MaxHeldBytesPerUser, 1024),
            MaxHeldBytes = r.Long("maxHeldBytes", d.MaxHeldBytes, 1024),
            OutboundQueueLimit = r.Int("outboundQueueLimit", d.OutboundQueueLimit, 1, 1_000_000),
            RouterShards = r.Int("routerShards", d.RouterShards, 1, 64),
            DirectWebSockets = r.Bool("directWebSockets", d.DirectWebSockets),
            Debug = r.Bool("debug", d.Debug),
            DebugEndpointAccess = r.OneOf("debugEndpoint", d.DebugEndpointAccess, "loopback", "any", "off"),
            MetricsEndpointAccess = r.OneOf("metricsEndpoint", d.MetricsEndpointAccess, "loopback", "any", "off"),
            LogFormat = r.OneOf("logFormat", d.LogFormat, "auto", "simple", "json", "systemd"),
            WebRoot = r.Text("webRoot", null!) is { Length: > 0 } w ? w : null,
            Insecure = r.Bool("insecure", d.Insecure),
            AllowTokenInUrl = r.Bool("allowTokenInUrl", d.AllowTokenInUrl),
            DataDir = r.Text("dataDir", null!) is { Length: > 0 } dir ? dir : null,
            Redis = r.Text("redis", null!) is { Length: > 0 } redis ? redis : null,
            SiloPort = r.Int("siloPort", d.SiloPort, 1, 65535),
            SiloAddress = r.Text("siloAddress", d.SiloAddress),
            MessageRateLimit = r.Int("messageRateLimit", d.MessageRateLimit, 1, 1_000_000),
            MessageBurst = r.Int("messageBurst", d.MessageBurst, 1, 10_000_000),
            AllowedHosts = r.Text("allowedHosts", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TlsCertificate = r.Text("tlsCertificate", null!) is { Length: > 0 } cert ? cert : null,
            TlsKey = r.Text("tlsKey", null!) is { Length: > 0 } key ? key : null,
            MaxConnectionsPerAddress = r.Int("maxConnectionsPerAddress", d.MaxConnectionsPerAddress, 1, 1_000_000),
        };
        if (r.Error is null) r.Check("session:secret", options.SessionSecret is null || options.SessionSecret.Length >= 32, "must be at least 32 characters (HS256 needs a 256-bit key)");
        if (r.Error is null) r.Check("tlsCertificate", (options.TlsCertificate is null) == (options.TlsKey is null), "tlsCertificate and tlsKey go together");
        if (r.Error is null && options.TlsCertificate is not null) r.Check("tlsCertificate", File.Exists(options.TlsCertificate), $"file not found: {options.TlsCertificate}");
        if (r.Error is null && options.TlsKey is not null) r.Check("tlsKey", File.Exists(options.TlsKey), $"file not found: {options.TlsKey}");
        // A tab that comes back is sent the newest update of each of its sessions in one burst; a queue smaller
        // than that would close it as a slow reader on every reconnect, so it could never resume.
        if (r.Error is null) r.Check("outboundQueueLimit", options.OutboundQueueLimit >= options.MaxSessionsPerUser + 8,
            $"must be at least maxSessionsPerUser + 8 ({options.MaxSessionsPerUser + 8}), or a tab resuming all its sessions would overflow it");
        if (r.Error is null) r.Check("maxHeldBytesPerUser", options.MaxHeldBytesPerUser <= options.MaxHeldBytes,
            $"must be at most maxHeldBytes ({options.MaxHeldBytes}): one user cannot hold more than the relay may");
        if (r.Error is null && options.Redis is not null) r.Check("redis", RedisConfigurationValid(options.Redis), "is not a StackExchange.Redis configuration string (host:port[,option=value...])");
        if (r.Error is null) r.Check("siloAddress", System.Net.IPAddress.TryParse(options.SiloAddress, out _), $"'{options.SiloAddress}' is not an IP address");
        if (r.Error is null) r.Check("host", ServerHost.ListenAddress(options.Host) is not null, $"'{options.Host}' is not an IP address, localhost or *");
        if (r.Error is null) r.Check("session:secret", options.AuthEnabled || options.Insecure || ServerHost.IsLoopback(options.Host),
            $"required when listening on {options.Host} (beyond loopback); set SESSION_SECRET, or pass --insecure to run without authentication");
        return r.Error is { } error ? error : options;
    }

    private static bool RedisConfigurationValid(string configuration)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

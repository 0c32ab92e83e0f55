namespace WebDevSync.Server.Configuration;

/// <summary>
/// The server's settings after every source is merged. Names follow the seed's
/// <c>defaultConfig</c> where it has one (port, websocketEndpoint, heartbeatInterval, cors, debug).
/// </summary>
public sealed record ServerOptions
{
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8071;
    /// <summary>The h2c port for native gRPC; -1 turns it off. Unset: 8072, or ephemeral when <see cref="Port"/> is 0.</summary>
    public int? GrpcPort { get; init; }
    public string WebsocketEndpoint { get; init; } = "/web-dev-sync/ws";
    public int HeartbeatIntervalMs { get; init; } = 30_000;
    public IReadOnlyList<string> CorsOrigins { get; init; } = ["http://localhost:3000", "https://webapp.example.com"];
    public string? SessionSecret { get; init; }
    public long SessionMaxAgeMs { get; init; } = 24 * 3_600_000;
    public long GracePeriodMs { get; init; } = 5 * 60_000;
    /// <summary>How long a tab that said its page was unloading may take to come back (a reload) before its sessions end.</summary>
    public long LeaveGracePeriodMs { get; init; } = 5_000;
    public long IdleTimeoutMs { get; init; } = 10 * 60_000;
    public int HandshakeTimeoutMs { get; init; } = 10_000;
    public int MaxMessageBytes { get; init; } = 5 * 1024 * 1024;
    public int MaxSessionsPerUser { get; init; } = 256;
    /// <summary>UTF-8 bytes of code one user's sessions may hold at the relay, and all users' together (docs/SECURITY.md).</summary>
    public long MaxHeldBytesPerUser { get; init; } = 64L * 1024 * 1024;
    public long MaxHeldBytes { get; init; } = 1024L * 1024 * 1024;
    public int OutboundQueueLimit { get; init; } = 1024;
    /// <summary>
    /// Routers users are spread over: one per processor by default (1..64, the range the key accepts).
    /// More serve more round trips (docs/PERFORMANCE.md). Each partition is told which ids in a message
    /// another partition's users hold (core/WebDevSync.Core/Partition/IdClaims.cs), so clients get the answers one router would give.
    /// </summary>
    public int RouterShards { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 64);
    /// <summary>
    /// Serve WebSocket upgrades on the plain-HTTP port straight off the socket, below Kestrel's HTTP layer
    /// (a third of the memory per idle connection; docs/PERFORMANCE.md). Off: every upgrade goes through
    /// Kestrel. With TLS they always do.
    /// </summary>
    public bool DirectWebSockets { get; init; } = true;
    public bool Debug { get; init; }
    /// <summary>Who may read /web-dev-sync/debug: <c>loopback</c> (default), <c>any</c> or <c>off</c>.</summary>
    public string DebugEndpointAccess { get; init; } = "loopback";
    /// <summary>Who may read <c>/web-dev-sync/metrics</c>: as <see cref="DebugEndpointAccess"/>, loopback (or an admin token), any, off.</summary>
    public string MetricsEndpointAccess { get; init; } = "loopback";
    /// <summary>Console log lines: auto (systemd's format under systemd, else simple), simple, json, systemd.</summary>
    public string LogFormat { get; init; } = "auto";
    public string? WebRoot { get; init; }
    /// <summary>Allows listening beyond loopback without a secret (no authentication at all).</summary>
    public bool Insecure { get; init; }
    /// <summary>Accept <c>?access_token=</c> in the WebSocket URL (off: URLs end up in logs).</summary>
    public bool AllowTokenInUrl { get; init; }
    /// <summary>Where the session table is kept across restarts; null keeps state in memory only.</summary>
    public string? DataDir { get; init; }
    /// <summary>
    /// A StackExchange.Redis configuration string: with it, every relay process given the same one acts as
    /// one relay (an Orleans silo in each process; membership, user state and the grain directory in Redis).
    /// Null: one process, in memory.
    /// </summary>
    public string? Redis { get; init; }
    /// <summary>With <see cref="Redis"/>: the port the node's silo listens on for the other nodes (<c>--silo-port</c>).</summary>
    public int SiloPort { get; init; } = 11111;
    /// <summary>With <see cref="Redis"/>: the address the other nodes reach this node's silo at (<c>--silo-address</c>); it listens there too.</summary>
    public string SiloAddress { get; init; } = "127.0.0.1";
    /// <summary>Messages per second one connection may send (token bucket), and the bucket's size.</summary>
    public int MessageRateLimit { get; init; } = 200;
    public int MessageBurst { get; init; } = 400;
    /// <summary>
    /// Host names (besides loopback names and the listen address) a client may use to reach a relay
    /// running without a secret; anything else is refused, which defeats DNS rebinding.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Open connections allowed from one IP address.</summary>
    public int MaxConnectionsPerAddress { get; init; } = 1000;

    /// <summary>PEM certificate and key: with both, the one port speaks TLS with ALPN (HTTP/1.1 and HTTP/2).</summary>
    public string? TlsCertificate { get; init; }
    public string? TlsKey { get; init; }

    public bool AuthEnabled => SessionSecret is not null;

    public bool TlsEnabled => TlsCertificate is not null && TlsKey is not null;

    /// <summary>With TLS, native gRPC shares the main port (ALPN), so the h2c port is off unless set.</summary>
    public int EffectiveGrpcPort => GrpcPort ?? (TlsEnabled ? -1 : Port == 0 ? 0 : 8072);
}

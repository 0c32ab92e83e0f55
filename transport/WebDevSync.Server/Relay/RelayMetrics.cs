using System.Diagnostics;
using Prometheus;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The relay's Prometheus metrics (prometheus-net), in a registry of its own so that each relay in a
/// process (tests start many) counts alone. Labels come from closed sets only: message types, roles and
/// error codes, never a user's id, code or token. Every label's child is made up front and picked by a
/// switch, so a message costs a few atomic adds and no lookup or allocation; gauges are read at scrape time.
/// </summary>
internal sealed class RelayMetrics
{
    private static readonly string[] ReceivedTypes = [WireNames.BrowserConnect, WireNames.DesktopConnect, WireNames.EditRequest,
        WireNames.CodeUpdate, WireNames.SessionClosed, WireNames.Ping, WireNames.BrowserLeaving, WireNames.CodeRefresh, "invalid"];
    private static readonly string[] SentTypes = [WireNames.ConnectionAck, WireNames.DesktopStatus, WireNames.EditRequest,
        WireNames.CodeUpdate, WireNames.SessionClosed, WireNames.Error, WireNames.Pong];
    private static readonly ErrorCode[] Codes = Enum.GetValues<ErrorCode>();

    private readonly Counter.Child[] _received;
    private readonly Counter.Child[] _sent;
    private readonly Counter.Child[] _errors;
    private readonly Histogram _relaySeconds;

    public RelayMetrics(Func<StatusCounts> counts, Func<IEnumerable<int>> queueDepths, Func<HeldCodeBytes> heldCode)
    {
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry); // process CPU, memory, GC and threads, read at scrape time
        var f = Metrics.WithCustomRegistry(Registry);
        var received = f.CreateCounter("webdevsync_messages_received_total", "Messages read from clients, by protocol type (invalid: could not be decoded).", "type");
        var sent = f.CreateCounter("webdevsync_messages_sent_total", "Messages handed to clients' outbound queues, by protocol type.", "type");
        var errors = f.CreateCounter("webdevsync_errors_total", "Error messages sent to clients, by error code.", "code");
        _received = [.. ReceivedTypes.Select(t => received.WithLabels(t))];
        _sent = [.. SentTypes.Select(t => sent.WithLabels(t))];
        _errors = new Counter.Child[Codes.Max(c => (int)c) + 1]; // indexed by the code's value
        foreach (var code in Codes) _errors[(int)code] = errors.WithLabels(code.Wire());
        _relaySeconds = f.CreateHistogram("webdevsync_relay_seconds",
            "Time from a message's arrival at the relay to its routing into the receivers' outbound queues.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.00001, 4, 9) }); // 10 µs .. 0.66 s
        var connections = f.CreateGauge("webdevsync_connections", "Connections that completed their connect message, by role.", "role");
        var sessions = f.CreateGauge("webdevsync_sessions", "Open edit sessions.");
        var users = f.CreateGauge("webdevsync_users", "Users with at least one connection or session.");
        var queued = f.CreateGauge("webdevsync_outbound_queue_depth", "Messages waiting in all connections' outbound queues.");
        var deepest = f.CreateGauge("webdevsync_outbound_queue_depth_max", "Messages waiting in the fullest connection's outbound queue.");
        var held = f.CreateGauge("webdevsync_held_code_bytes", "UTF-8 bytes of code the relay holds (sessions and ended-while-away reports), counted against maxHeldBytes.");
        var heldMax = f.CreateGauge("webdevsync_held_code_bytes_user_max", "UTF-8 bytes of code held by the one user who holds the most, counted against maxHeldBytesPerUser.");
        Registry.AddBeforeCollectCallback(() =>
        {
            var h = heldCode();
            held.Set(h.Total);
            heldMax.Set(h.MostByOneUser);
            var c = counts();
            connections.WithLabels(WireNames.Of(Role.Browser)).Set(c.Browsers);
            connections.WithLabels(WireNames.Of(Role.Agent)).Set(c.Agents);
            sessions.Set(c.Sessions);
            users.Set(c.Users);
            var (total, max) = queueDepths().Aggregate((Total: 0L, Max: 0), (a, d) => (a.Total + d, Math.Max(a.Max, d)));
            queued.Set(total);
            deepest.Set(max);
        });
    }

    public CollectorRegistry Registry { get; }

    public void OnReceived(ClientMessage? message) => _received[message switch
    {
        ClientMessage.BrowserConnect => 0,
        ClientMessage.DesktopConnect => 1,
        ClientMessage.EditRequest => 2,
        ClientMessage.CodeUpdate or ClientMessage.CodeEdits => 3,
        ClientMessage.SessionClosed => 4,
        ClientMessage.Ping => 5,
        ClientMessage.BrowserLeaving => 6,
        ClientMessage.CodeRefresh => 7,
        _ => 8,
    }].Inc();

    /// <summary>A message was routed; <paramref name="startedAt"/> is its <see cref="Stopwatch.GetTimestamp"/> on arrival.</summary>
    public void OnRelayed(long startedAt) => _relaySeconds.Observe(Stopwatch.GetElapsedTime(startedAt).TotalSeconds);

    public void OnSent(ServerMessage message)
    {
        _sent[message switch
        {
            ServerMessage.ConnectionAck => 0,
            ServerMessage.DesktopStatus => 1,
            ServerMessage.EditRequest => 2,
            ServerMessage.CodeUpdate or ServerMessage.CodeEdits => 3,
            ServerMessage.SessionClosed => 4,
            ServerMessage.Error => 5,
            _ => 6,
        }].Inc();
        if (message is ServerMessage.Error e) _errors[(int)e.Code].Inc();
    }
}

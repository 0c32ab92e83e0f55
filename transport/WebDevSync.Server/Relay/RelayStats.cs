using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// Message and error counters, published through <see cref="System.Diagnostics.Metrics"/> (meter
/// <c>WebDevSync.Server</c>) and kept as totals for the status endpoint.
/// </summary>
internal sealed class RelayStats : IDisposable
{
    public const string MeterName = "WebDevSync.Server";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _errors;
    private readonly ConcurrentDictionary<string, long> _errorsByCode = new();
    private long _receivedTotal;
    private long _sentTotal;

    /// <param name="heldCode">UTF-8 bytes of code held: by the whole relay, and by the user who holds the most.</param>
    public RelayStats(Func<StatusCounts> counts, Func<IEnumerable<int>> queueDepths, Func<HeldCodeBytes>? heldCode = null)
    {
        Prometheus = new RelayMetrics(counts, queueDepths, heldCode ?? (() => default));
        _meter = new Meter(MeterName);
        _received = _meter.CreateCounter<long>("webdevsync.messages.received");
        _sent = _meter.CreateCounter<long>("webdevsync.messages.sent");
        _errors = _meter.CreateCounter<long>("webdevsync.errors");
        _meter.CreateObservableGauge("webdevsync.connections", () => new[]
        {
            new Measurement<int>(counts().Browsers, new KeyValuePair<string, object?>("role", "browser")),
            new Measurement<int>(counts().Agents, new KeyValuePair<string, object?>("role", "desktop")),
        });
        _meter.CreateObservableGauge("webdevsync.sessions", () => counts().Sessions);
    }

    /// <summary>The same counts and more for <c>/web-dev-sync/metrics</c>.</summary>
    public RelayMetrics Prometheus { get; }

    private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public TimeSpan Uptime => System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt);

    public long Received => Interlocked.Read(ref _receivedTotal);
    public long Sent => Interlocked.Read(ref _sentTotal);
    public IReadOnlyDictionary<string, long> ErrorsByCode => new SortedDictionary<string, long>(_errorsByCode);
    public long Errors => _errorsByCode.Values.Sum();

    /// <summary>A message arrived (null: one that could not be decoded).</summary>
    public void OnReceived(ClientMessage? message)
    {
        Interlocked.Increment(ref _receivedTotal);
        _received.Add(1);
        Prometheus.OnReceived(message);
    }

    public void OnSent(ServerMessage message)
    {
        Interlocked.Increment(ref _sentTotal);
        _sent.Add(1);
        Prometheus.OnSent(message);
        if (message is ServerMessage.Error e)
        {
            var code = e.Code.Wire();
            _errorsByCode.AddOrUpdate(code, 1, (_, n) => n + 1);
            _errors.Add(1, new KeyValuePair<string, object?>("code", code));
        }
    }

    public void Dispose() => _meter.Dispose();
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Relay;

/// <summary>
/// Where every transport meets the router: it numbers connections, feeds their inputs to the shard of
/// their user, and interprets the router's effects on the links, in one switch.
/// </summary>
internal sealed class RelayHub : IAsyncDisposable
{
    /// <summary>A link and the shard it was pinned to by its first connect message (-1 before).</summary>
    private sealed class Registration(IClientLink link)
    {
        public readonly IClientLink Link = link;
        public int Shard = -1;
    }

    private readonly ConcurrentDictionary<ConnId, Registration> _links = new();
    private readonly RouterShard[] _shards;
    private readonly Task[] _loops;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _ticker;
    private long _nextId;

    public RelayHub(ServerOptions options, TimeProvider time, ILogger<RelayHub> log)
    {
        _time = time;
        _log = log;
        var routerOptions = new RouterOptions
        {
            GracePeriodMs = options.GracePeriodMs,
            SessionMaxAgeMs = options.SessionMaxAgeMs,
            IdleTimeoutMs = options.IdleTimeoutMs,
            MaxCodeChars = options.MaxMessageBytes,
            MaxSessionsPerUser = options.MaxSessionsPerUser,
        };
        _shards = [.. Enumerable.Range(0, options.RouterShards).Select(_ => new RouterShard(routerOptions, Interpret, OnBug))];
        _loops = [.. _shards.Select(s => Task.Run(s.RunAsync))];
        Stats = new RelayStats(() => { var c = Counts(); return (c.Browsers, c.Desktops, c.Sessions); });
        _ticker = TickAsync(_stop.Token);
    }

    public RelayStats Stats { get; }

    private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public TimeSpan Uptime => System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt);

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public ConnId NextId() => new(Interlocked.Increment(ref _nextId));

    public void Attach(IClientLink link) => _links[link.Id] = new Registration(link);

    public ValueTask SubmitAsync(ConnId conn, ClientMessage message, string? authUser, CancellationToken ct = default)
    {
        Stats.OnReceived();
        return ShardFor(conn, message, authUser).PostAsync(new Input.Message(conn, message, NowMs, authUser), ct);
    }

    public ValueTask RejectAsync(ConnId conn, DecodeError error, CancellationToken ct = default)
    {
        Stats.OnReceived();
        return ShardFor(conn, null, null).PostAsync(new Input.Invalid(conn, error.Code, error.Message, NowMs), ct);
    }

    /// <summary>The connection is gone: the router hears of it, and the link is forgotten.</summary>
    public async ValueTask DisconnectAsync(ConnId conn)
    {
        if (_links.TryRemove(conn, out var reg) && reg.Shard >= 0)
            await _shards[reg.Shard].PostAsync(new Input.Disconnected(conn, NowMs)).ConfigureAwait(false);
    }

    public void CloseAll(LinkClose reason)
    {
        foreach (var reg in _links.Values) reg.Link.Close(reason);
    }

    public StatusCounts Counts() => _shards.Select(s => s.Snapshot.Counts())
        .Aggregate(new StatusCounts(0, 0, 0, 0), (a, b) => new(a.Browsers + b.Browsers, a.Desktops + b.Desktops, a.Users + b.Users, a.Sessions + b.Sessions));

    public IReadOnlyList<RouterState> Snapshots() => [.. _shards.Select(s => s.Snapshot)];

    /// <summary>
    /// Routing never crosses users, so a connection's inputs go to its user's shard, pinned by its
    /// first connect message (or its verified user); before that any shard answers NOT_CONNECTED.
    /// </summary>
    private RouterShard ShardFor(ConnId conn, ClientMessage? message, string? authUser)
    {
        if (!_links.TryGetValue(conn, out var reg)) return _shards[0];
        if (reg.Shard < 0 && (authUser ?? UserOf(message)) is { } user)
            reg.Shard = (int)((uint)StringComparer.Ordinal.GetHashCode(user) % (uint)_shards.Length);
        return _shards[Math.Max(reg.Shard, 0)];
    }

    private static string? UserOf(ClientMessage? m) => m switch
    {
        ClientMessage.BrowserConnect b => b.UserId,
        ClientMessage.DesktopConnect d => d.UserId,
        _ => null,
    };

    private void Interpret(Effect effect)
    {
        switch (effect)
        {
            case Effect.Send send when _links.TryGetValue(send.To, out var reg):
                Stats.OnSent(send.Message);
                reg.Link.Deliver(send.Message);
                break;
            case Effect.Close close when _links.TryGetValue(close.Conn, out var reg):
                reg.Link.Close(LinkClose.From(close.Reason));
                break;
            default:
                break; // the connection is already gone: nothing to carry out
        }
    }

    private void OnBug(Exception e, Input input) => Log.RouterBug(_log, e, input.GetType().Name);

    private async Task TickAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                foreach (var shard in _shards) await shard.PostAsync(new Input.Tick(NowMs), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _ticker.ConfigureAwait(false);
        foreach (var s in _shards) s.Complete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
        Stats.Dispose();
        _stop.Dispose();
    }
}

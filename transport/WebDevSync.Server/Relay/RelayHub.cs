using System.Collections.Concurrent;
using LanguageExt;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Json;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Persistence;

namespace WebDevSync.Server.Relay;

/// <summary>
/// Where every transport meets the router: it numbers connections, feeds their inputs to the shard of
/// their user, and interprets the router's effects on the links, in one switch.
/// </summary>
internal sealed class RelayHub : IAsyncDisposable
{
    /// <summary>A link and the shard it was pinned to by its first connect message (-1 before).</summary>
    private sealed class Registration(IClientLink link, MessageThrottle throttle)
    {
        public readonly IClientLink Link = link;
        public readonly MessageThrottle Throttle = throttle;
        /// <summary>The shard that acknowledged the connection (-1 before any did).</summary>
        public int Shard = -1;
        /// <summary>The shard the last connect message went to, so a disconnect before its ack reaches it too.</summary>
        public int Candidate = -1;
        /// <summary>The user the acknowledging shard accepted.</summary>
        public string? User;
        /// <summary>The user the last connect message named (or its verified user), for <see cref="IdOwners"/>.</summary>
        public string? Connecting;
    }

    private readonly ConcurrentDictionary<ConnId, Registration> _links = new();
    private readonly RouterShard[] _shards;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly ServerOptions _options;
    private readonly IdOwners? _owners;
    private readonly Task _ticker;
    private readonly Task _saver;
    private readonly SessionStore? _store;
    private long _nextId;

    public RelayHub(ServerOptions options, TimeProvider time, ILogger<RelayHub> log)
    {
        _time = time;
        _log = log;
        _options = options;
        _owners = options.RouterShards > 1 ? new IdOwners() : null;
        var routerOptions = new RouterOptions
        {
            GracePeriodMs = options.GracePeriodMs,
            SessionMaxAgeMs = options.SessionMaxAgeMs,
            IdleTimeoutMs = options.IdleTimeoutMs,
            MaxCodeChars = options.MaxMessageBytes,
            MaxSessionsPerUser = options.MaxSessionsPerUser,
        };
        _store = options.DataDir is { } dir ? new SessionStore(dir) : null;
        var saved = _store?.Load(w => Log.StoreProblem(log, w)) ?? [];
        _shards = [.. Restore.Sharded(routerOptions, saved, NowMs, options.RouterShards, ShardOf)
            .Select((state, i) => new RouterShard(state, e => Interpret(i, e), OnBug))];
        _owners?.Sweep(Snapshots()); // claims the restored sessions' ids before any message can name them
        Stats = new RelayStats(Counts, () => _links.Values.Select(r => r.Link is OutboundPump p ? p.QueueDepth : 0));
        _ticker = TickAsync(_stop.Token);
        _saver = _store is null ? Task.CompletedTask : SaveLoopAsync(_stop.Token);
    }

    public RelayStats Stats { get; }

    private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public TimeSpan Uptime => System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt);

    public long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public ConnId NextId() => new(Interlocked.Increment(ref _nextId));

    public void Attach(IClientLink link) =>
        _links[link.Id] = new Registration(link, new MessageThrottle(_options.MessageRateLimit, _options.MessageBurst));

    /// <summary>A transport's decoded message, or why it could not be decoded; routed before this returns.</summary>
    public void Submit(ConnId conn, Either<DecodeError, ClientMessage> decoded, string? authUser)
    {
        if (decoded.IsRight) Submit(conn, (ClientMessage)decoded, authUser);
        else Reject(conn, (DecodeError)decoded);
    }

    public void Submit(ConnId conn, ClientMessage message, string? authUser)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        Stats.OnReceived(message);
        var reg = _links.GetValueOrDefault(conn); // looked up once per message: the hot path
        switch (Throttled(reg))
        {
            case ThrottleVerdict.Allow:
                Route(conn, reg, message, authUser);
                break;
            case ThrottleVerdict.RejectOnce:
                ShardFor(reg, null, null).Post(new Input.Invalid(conn, ErrorCode.RateLimited, "Too many messages; slow down", NowMs));
                break;
        }
        Stats.Prometheus.OnRelayed(arrived);
    }

    /// <summary>
    /// Hands a message to its shard. With several shards its ids are claimed first, after the throttle (a
    /// message one router would drop claims nothing), and the router is told which are another user's.
    /// </summary>
    private void Route(ConnId conn, Registration? reg, ClientMessage message, string? authUser)
    {
        var foreign = _owners?.Claim(message, reg?.User, reg?.Connecting, authUser);
        ShardFor(reg, message, authUser).Post(new Input.Message(conn, message, NowMs, authUser, foreign));
    }

    /// <summary>Asks the connection's bucket; a connection that floods on is closed.</summary>
    private static ThrottleVerdict Throttled(Registration? reg)
    {
        if (reg is null) return ThrottleVerdict.Allow;
        var verdict = reg.Throttle.Check();
        if (verdict == ThrottleVerdict.Disconnect) reg.Link.Close(LinkClose.Flooding);
        return verdict;
    }

    public void Reject(ConnId conn, DecodeError error)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        Stats.OnReceived(null);
        ShardFor(_links.GetValueOrDefault(conn), null, null).Post(new Input.Invalid(conn, error.Code, error.Message, NowMs, error.SessionId));
        Stats.Prometheus.OnRelayed(arrived);
    }

    /// <summary>The connection is gone: the router hears of it, and the link is forgotten.</summary>
    public void Disconnect(ConnId conn)
    {
        if (!_links.TryRemove(conn, out var reg)) return;
        reg.Throttle.Dispose();
        var shard = reg.Shard >= 0 ? reg.Shard : reg.Candidate;
        if (shard >= 0) _shards[shard].Post(new Input.Disconnected(conn, NowMs));
    }

    public void CloseAll(LinkClose reason)
    {
        foreach (var reg in _links.Values) reg.Link.Close(reason);
    }

    public StatusCounts Counts() => _shards.Select(s => s.Snapshot.Counts())
        .Aggregate(new StatusCounts(0, 0, 0, 0), (a, b) => new(a.Browsers + b.Browsers, a.Desktops + b.Desktops, a.Users + b.Users, a.Sessions + b.Sessions));

    public IReadOnlyList<RouterState> Snapshots() => [.. _shards.Select(s => s.Snapshot)];

    /// <summary>
    /// Routing never crosses users, so a connection's inputs go to its user's shard: a connect message
    /// goes to the shard of the user it names (or of its verified user), and the connection is pinned to
    /// the shard that acknowledges it (see <see cref="Interpret"/>), so a refused connect pins nothing.
    /// Before that, shard 0 answers NOT_CONNECTED.
    /// </summary>
    private RouterShard ShardFor(Registration? reg, ClientMessage? message, string? authUser)
    {
        if (reg is null) return _shards[0];
        if (reg.Shard >= 0) return _shards[reg.Shard];
        // Messages pipelined behind a connect follow it to its shard (channels keep order), so they
        // find the connection there once it is acknowledged.
        if ((authUser ?? UserOf(message)) is { } user) (reg.Candidate, reg.Connecting) = (ShardOf(user), user);
        return _shards[Math.Max(reg.Candidate, 0)];
    }

    /// <summary>A stable hash (not string.GetHashCode, which changes per process) so restored sessions land where their user will.</summary>
    private int ShardOf(string user)
    {
        var hash = 2166136261u;
        foreach (var c in user) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)_options.RouterShards);
    }

    private static string? UserOf(ClientMessage? m) => m switch
    {
        ClientMessage.BrowserConnect b => b.UserId,
        ClientMessage.DesktopConnect d => d.UserId,
        _ => null,
    };

    private void Interpret(int shard, Effect effect)
    {
        switch (effect)
        {
            case Effect.Send send when _links.TryGetValue(send.To, out var reg):
                if (send.Message is ServerMessage.ConnectionAck ack) (reg.Shard, reg.User) = (shard, ack.UserId);
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
            {
                foreach (var shard in _shards) shard.Post(new Input.Tick(NowMs));
                foreach (var reg in _links.Values) reg.Throttle.Replenish();
                _owners?.Sweep(Snapshots());
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Writes the session table a moment after it changes, at most four times a second.</summary>
    private async Task SaveLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                if (_shards.Count(s => s.TakeSessionsChanged()) > 0) Save();
        }
        catch (OperationCanceledException) { }
    }

    private void Save()
    {
        try
        {
            _store?.Save(_shards.SelectMany(s => s.Snapshot.Sessions.Values));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.StoreProblem(_log, $"could not save sessions: {e.GetType().Name}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_ticker, _saver).ConfigureAwait(false);
        foreach (var s in _shards) s.Complete();
        Save();
        Stats.Dispose();
        _stop.Dispose();
    }
}

using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;
using WebDevSync.Server.Configuration;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// Redis as the nodes share it, through one multiplexer: heartbeats, user records, id claims and the
/// frames between nodes. Writes from the routing path are fire-and-forget (queued in order on the one
/// connection, never waited for under a shard's lock); reads are async and happen off the routing path.
/// </summary>
internal sealed class ClusterStore : IDisposable
{
    /// <summary>Claims every id not held yet (NX) and returns each key's holder; refreshes the TTL of the caller's own.</summary>
    private const string ClaimScript = """
        local out = {}
        for i, k in ipairs(KEYS) do
          if ARGV[i + 2] == '1' then
            if redis.call('SET', k, ARGV[1], 'NX', 'PX', ARGV[2]) == false and redis.call('GET', k) == ARGV[1] then redis.call('PEXPIRE', k, ARGV[2]) end
          end
          out[i] = redis.call('GET', k) or ''
        end
        return out
        """;

    /// <summary>
    /// Takes the user's lease for this node unless a live node holds it (its heartbeat key exists), and returns
    /// the record with it, atomically: the old owner's last write, then its release, came first.
    /// </summary>
    private const string AdoptScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. holder) == 1 then return {0, holder} end
        redis.call('SET', KEYS[1], ARGV[1])
        return {1, redis.call('GET', KEYS[2]) or ''}
        """;

    /// <summary>A record write fenced by the lease: a node that lost the user (taken for dead) can no longer overwrite it.</summary>
    private const string WriteScript = """
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        if ARGV[2] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
        return 1
        """;

    /// <summary>Takes the lease again unless a live node holds it, and writes the record from this node's memory.</summary>
    private const string ReassertScript = """
        local holder = redis.call('GET', KEYS[1])
        if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[4] .. holder) == 1 then return 0 end
        redis.call('SET', KEYS[1], ARGV[1])
        if ARGV[2] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
        return 1
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    private readonly ConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly TimeSpan _recordTtl;

    public ClusterStore(ServerOptions options, ILogger<ClusterStore> log)
    {
        var config = ConfigurationOptions.Parse(options.Redis!);
        config.AbortOnConnectFail = false; // start (and keep running) while Redis is down; reconnect by itself
        config.ClientName ??= "webdevsync-" + NodeId;
        _redis = ConnectionMultiplexer.Connect(config);
        _db = _redis.GetDatabase();
        // A record outlives every session in it (they end after sessionMaxAge) and every away tab's grace.
        _recordTtl = TimeSpan.FromMilliseconds(options.SessionMaxAgeMs + options.GracePeriodMs + 60_000);
        _redis.ConnectionFailed += (_, e) => ConnectionFailed?.Invoke(e.FailureType.ToString());
        ClusterLog.Started(log, NodeId, string.Join(',', config.EndPoints));
    }

    /// <summary>This process's node id: unique per start, so a restarted node is a new node and the old one expires.</summary>
    public string NodeId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    public bool IsConnected => _redis.IsConnected;

    public event Action<string>? ConnectionFailed;

    public TimeSpan RecordTtl => _recordTtl;

    private bool _beaten;

    /// <summary>Whether the last heartbeat found this node's key expired (set by <see cref="HeartbeatAsync"/>).</summary>
    public bool SelfExpired { get; private set; }

    public void Publish(string node, ClusterFrame frame) =>
        _redis.GetSubscriber().Publish(ClusterKeys.Channel(node), ClusterFrames.Encode(frame), CommandFlags.FireAndForget);

    public async Task SubscribeAsync(Action<ClusterFrame> onFrame, Action<string> onBadFrame)
    {
        var queue = await _redis.GetSubscriber().SubscribeAsync(ClusterKeys.Channel(NodeId)).ConfigureAwait(false);
        // One loop, in publish order: a connection's frames stay in order.
        queue.OnMessage(m =>
        {
            // The loop's one error boundary: a frame that fails is dropped, the next ones still flow.
            try
            {
                if (ClusterFrames.Decode((byte[])m.Message!) is { } frame) onFrame(frame);
                else onBadFrame("unknown frame");
            }
            catch (Exception e)
            {
                onBadFrame(e.GetType().Name);
            }
        });
    }

    /// <summary>
    /// Written in step order for the user (one connection keeps commands in order), only while this node holds
    /// the user's lease; an empty record is deleted.
    /// </summary>
    public void Write(UserRecord record) =>
        _db.ScriptEvaluate(WriteScript, [ClusterKeys.Lease(record.UserId), ClusterKeys.User(record.UserId)],
            [NodeId, record.IsEmpty ? "" : RecordJson.Of(record), (long)_recordTtl.TotalMilliseconds], CommandFlags.FireAndForget);

    /// <summary>Takes the user's lease and loads their record (null: none); or, while another live node holds the lease, returns that node.</summary>
    public async Task<(bool Taken, UserRecord? Record, string? Holder)> AdoptAsync(string userId)
    {
        var reply = (RedisResult[])(await _db.ScriptEvaluateAsync(AdoptScript, [ClusterKeys.Lease(userId), ClusterKeys.User(userId)],
            [NodeId, ClusterKeys.NodePrefix]).ConfigureAwait(false))!;
        return (int)reply[0] == 1 ? (true, RecordJson.Parse((byte[]?)reply[1]), null) : (false, null, (string?)reply[1]);
    }

    /// <summary>
    /// Issued (not awaited) by the caller under the user's shard lock, so it is ordered with the writes of
    /// the steps around it; true when the lease is this node's again, false when another live node holds it.
    /// </summary>
    public async Task<bool> ReassertAsync(UserRecord record) =>
        (int)(await _db.ScriptEvaluateAsync(ReassertScript, [ClusterKeys.Lease(record.UserId), ClusterKeys.User(record.UserId)],
            [NodeId, record.IsEmpty ? "" : RecordJson.Of(record), (long)_recordTtl.TotalMilliseconds, ClusterKeys.NodePrefix]).ConfigureAwait(false)) == 1;

    /// <summary>Gives the user's lease up, after every write of theirs (queued before it on the same connection).</summary>
    public void ReleaseLease(string userId) =>
        _db.ScriptEvaluate(ReleaseScript, [ClusterKeys.Lease(userId)], [NodeId], CommandFlags.FireAndForget);

    /// <summary>Claims the request's ids for its user and looks up the rest; returns the holder of each client and session id asked about.</summary>
    public async Task<(Dictionary<string, string> Clients, Dictionary<string, string> Sessions)> ClaimAsync(ClaimRequest request)
    {
        var keys = request.Clients.Select(ClusterKeys.ClientClaim)
            .Concat(request.Sessions.Select(ClusterKeys.SessionClaim))
            .Concat(request.LookedUpSessions.Select(ClusterKeys.SessionClaim)).ToArray();
        var modes = request.Clients.Select(_ => (RedisValue)"1").Concat(request.Sessions.Select(_ => (RedisValue)"1")).Concat(request.LookedUpSessions.Select(_ => (RedisValue)"0"));
        RedisValue[] args = [request.UserId, (long)_recordTtl.TotalMilliseconds, .. modes];
        var holders = (RedisValue[])(await _db.ScriptEvaluateAsync(ClaimScript, keys, args).ConfigureAwait(false))!;
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        var sessions = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        // An empty answer: nobody holds the id (a looked-up session no node knows).
        foreach (var id in request.Clients) if ((string?)holders[i++] is { Length: > 0 } holder) clients[id] = holder;
        foreach (var id in request.Sessions.Concat(request.LookedUpSessions)) if ((string?)holders[i++] is { Length: > 0 } holder) sessions[id] = holder;
        return (clients, sessions);
    }

    /// <summary>Writes this node's heartbeat and returns the nodes alive now with their counts; forgets members whose heartbeat expired.</summary>
    public async Task<ImmutableSortedDictionary<string, StatusCounts>> HeartbeatAsync(StatusCounts counts, TimeSpan ttl)
    {
        var previous = await _db.StringSetAndGetAsync(ClusterKeys.Node(NodeId), RecordJson.Of(counts), ttl).ConfigureAwait(false);
        // Our own key gone before we wrote it again: the others took this node for dead (not on the first beat).
        SelfExpired = previous.IsNull && _beaten;
        _beaten = true;
        await _db.SetAddAsync(ClusterKeys.Nodes, NodeId).ConfigureAwait(false);
        var members = (await _db.SetMembersAsync(ClusterKeys.Nodes).ConfigureAwait(false)).Select(m => (string)m!).ToArray();
        var beats = await _db.StringGetAsync([.. members.Select(ClusterKeys.Node)]).ConfigureAwait(false);
        var alive = ImmutableSortedDictionary.CreateBuilder<string, StatusCounts>(StringComparer.Ordinal);
        for (var i = 0; i < members.Length; i++)
        {
            if (RecordJson.ParseCounts(beats[i]) is { } c) alive[members[i]] = c;
            else if (beats[i].IsNull) _db.SetRemove(ClusterKeys.Nodes, members[i], CommandFlags.FireAndForget);
        }
        return alive.ToImmutable();
    }

    public void Dispose() => _redis.Dispose();
}

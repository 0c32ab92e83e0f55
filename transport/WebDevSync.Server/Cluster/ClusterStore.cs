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

    public void Publish(string node, ClusterFrame frame) =>
        _redis.GetSubscriber().Publish(ClusterKeys.Channel(node), ClusterFrames.Encode(frame), CommandFlags.FireAndForget);

    public async Task SubscribeAsync(Action<ClusterFrame> onFrame, Action<string> onBadFrame)
    {
        var queue = await _redis.GetSubscriber().SubscribeAsync(ClusterKeys.Channel(NodeId)).ConfigureAwait(false);
        // One loop, in publish order: a connection's frames stay in order.
        queue.OnMessage(m =>
        {
            if (ClusterFrames.Decode((byte[])m.Message!) is { } frame) onFrame(frame);
            else onBadFrame("unknown frame");
        });
    }

    /// <summary>Written in step order for the user (one connection keeps commands in order); an empty record is deleted.</summary>
    public void Write(UserRecord record)
    {
        if (record.IsEmpty) _db.KeyDelete(ClusterKeys.User(record.UserId), CommandFlags.FireAndForget);
        else _db.StringSet(ClusterKeys.User(record.UserId), RecordJson.Of(record), _recordTtl, flags: CommandFlags.FireAndForget);
    }

    public async Task<UserRecord?> LoadAsync(string userId) =>
        RecordJson.Parse((byte[]?)await _db.StringGetAsync(ClusterKeys.User(userId)).ConfigureAwait(false));

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
        await _db.StringSetAsync(ClusterKeys.Node(NodeId), RecordJson.Of(counts), ttl).ConfigureAwait(false);
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

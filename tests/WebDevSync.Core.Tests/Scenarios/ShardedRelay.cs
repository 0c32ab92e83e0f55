using System.Collections.Immutable;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// Routers split by user, driven as the server's hub drives its shards: a socket's inputs go to the shard
/// of the user its connect named until a shard acknowledges it (before any connect, to shard 0), ticks go
/// to every shard, and each message carries the ids it names that another shard holds. Those are told
/// exactly here, from the shards' states; the hub approximates them with claims (IdOwners).
/// </summary>
public sealed class ShardedRelay(RouterOptions options, int shards)
{
    private readonly RouterState[] _shards = [.. Enumerable.Repeat(RouterState.Empty(options), shards)];
    private readonly Dictionary<ConnId, int> _pinned = [];
    private readonly Dictionary<ConnId, int> _candidate = [];

    public IReadOnlyList<RouterState> States => _shards;

    /// <summary>The pool's users by position, so two shards put alice and carol together and three split everyone.</summary>
    public int ShardOf(string user) => Math.Max(Array.IndexOf(Pools.Users, user), 0) % _shards.Length;

    public ImmutableArray<Effect> Step(Input input)
    {
        switch (input)
        {
            case Input.Tick:
                return [.. Enumerable.Range(0, _shards.Length).SelectMany(i => Apply(i, input))];
            case Input.Message m:
                var shard = ShardFor(m.Conn, m.AuthUser ?? UserOf(m.Body));
                return Apply(shard, m with { Foreign = ForeignTo(shard, m.Body) });
            case Input.Invalid i:
                return Apply(ShardFor(i.Conn, null), input);
            case Input.Disconnected d:
                var target = _pinned.Remove(d.Conn, out var p) ? p : _candidate.GetValueOrDefault(d.Conn, -1);
                _candidate.Remove(d.Conn);
                return target < 0 ? [] : Apply(target, input);
            default:
                throw new ArgumentOutOfRangeException(nameof(input));
        }
    }

    private int ShardFor(ConnId conn, string? user)
    {
        if (_pinned.TryGetValue(conn, out var pinned)) return pinned;
        if (user is not null) _candidate[conn] = ShardOf(user);
        return _candidate.GetValueOrDefault(conn, 0);
    }

    private ImmutableArray<Effect> Apply(int shard, Input input)
    {
        var t = Router.Step(_shards[shard], input);
        _shards[shard] = t.State;
        foreach (var send in t.Effects.OfType<Effect.Send>().Where(s => s.Message is ServerMessage.ConnectionAck)) _pinned[send.To] = shard;
        return t.Effects;
    }

    private ForeignIds ForeignTo(int shard, ClientMessage body)
    {
        var others = _shards.Where((_, i) => i != shard).ToList();
        string[] clients = body switch
        {
            BrowserConnect b => [b.ConnectionId],
            DesktopConnect d => [d.ConnectionId, .. d.Sessions.Select(a => a.BrowserConnectionId)],
            _ => [],
        };
        string[] sessions = body switch
        {
            DesktopConnect d => [.. d.Sessions.Select(a => a.SessionId)],
            EditRequest e => [e.SessionId],
            CodeUpdate u => [u.SessionId],
            SessionClosed c => [c.SessionId],
            _ => [],
        };
        return new ForeignIds(
            [.. clients.Where(id => others.Any(s => s.Clients.ContainsKey(id)))],
            [.. sessions.Where(id => others.Any(s => s.Sessions.ContainsKey(id)))]);
    }

    private static string? UserOf(ClientMessage body) => body switch
    {
        BrowserConnect b => b.UserId,
        DesktopConnect d => d.UserId,
        _ => null,
    };
}

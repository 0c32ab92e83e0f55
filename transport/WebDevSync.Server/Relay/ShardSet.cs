using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The router shards and the choice of shard for each input. Routing never crosses users, so a
/// connection's inputs go to its user's shard: a connect message goes to the shard of the user it names
/// (or of its verified user), and the connection is pinned to the shard that accepts it, so a refused
/// connect pins nothing. Before that, shard 0 answers NOT_CONNECTED.
/// </summary>
internal sealed class ShardSet
{
    private readonly RouterShard[] _shards;

    public ShardSet(ImmutableArray<RouterState> restored, EffectInterpreter interpreter, ILogger log)
    {
        _shards = [.. restored.Select((state, i) => new RouterShard(state, e => Carry(interpreter, i, e), (e, input) => Log.RouterBug(log, e, input.GetType().Name)))];
        Claims = _shards.Length > 1 ? new IdOwners() : null;
        Claims?.Sweep(Snapshots()); // claims the restored sessions' ids before any message can name them
    }

    /// <summary>
    /// Interprets a shard's effect. A connection accepted by another shard than 0 leaves shard 0, which
    /// held its connect deadline (links open there: <see cref="RelayHub.Attach"/>). Only shards other
    /// than 0 post to shard 0 from inside their step, so the locks are always taken in one order.
    /// </summary>
    private void Carry(EffectInterpreter interpreter, int shard, Effect effect)
    {
        interpreter.Interpret(shard, effect);
        if (effect is Effect.Accepted a && shard != 0) _shards[0].Post(new Input.Disconnected(a.Conn, 0));
    }

    /// <summary>With several shards, who holds which id (null with one shard, which sees every id itself).</summary>
    public IdOwners? Claims { get; }

    public int Count => _shards.Length;

    public RouterShard this[int i] => _shards[i];

    public RouterShard For(Registration? reg, ClientMessage? message, string? authUser)
    {
        if (reg is null) return _shards[0];
        if (reg.AcceptedIn >= 0) return _shards[reg.AcceptedIn];
        // Messages pipelined behind a connect follow it to its shard (each shard steps in arrival order),
        // so they find the connection there once it is accepted.
        if ((authUser ?? UserOf(message)) is { } user) (reg.ConnectingIn, reg.ConnectingAs) = (OwnerOf(user, _shards.Length), user);
        return _shards[Math.Max(reg.ConnectingIn, 0)];
    }

    /// <summary>A stable hash (not string.GetHashCode, which changes per process) so restored sessions land where their user will.</summary>
    public static int OwnerOf(string user, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in user) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)shards);
    }

    private static string? UserOf(ClientMessage? m) => m switch
    {
        ClientMessage.BrowserConnect b => b.UserId,
        ClientMessage.DesktopConnect d => d.UserId,
        _ => null,
    };

    public void TickAll(long nowMs)
    {
        foreach (var shard in _shards) shard.Post(new Input.Tick(nowMs));
        Claims?.Sweep(Snapshots());
    }

    public IReadOnlyList<RouterState> Snapshots() => [.. _shards.Select(s => s.Snapshot)];

    public StatusCounts Counts() => _shards.Select(s => s.Snapshot.Counts())
        .Aggregate(new StatusCounts(0, 0, 0, 0), (a, b) => new(a.Browsers + b.Browsers, a.Desktops + b.Desktops, a.Users + b.Users, a.Sessions + b.Sessions));

    /// <summary>True when any shard's session table changed since the last call.</summary>
    public bool TakeSessionsChanged() => _shards.Count(s => s.TakeSessionsChanged()) > 0;

    public IEnumerable<Session> Sessions() => _shards.SelectMany(s => s.Snapshot.Sessions.Values);

    /// <summary>Stops routing (shutdown); the last states stay readable for the final save.</summary>
    public void Complete()
    {
        foreach (var s in _shards) s.Complete();
    }
}

using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Partition;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The router shards: each input goes to the shard its connection's <see cref="Placement"/> names.
/// With several shards each steps through <see cref="PartitionStep"/> with the claims all shards share
/// (<see cref="IdClaims"/>), kept here as one immutable value swapped by compare-and-exchange: a step
/// that finds the claims changed meanwhile is computed again (it is pure; nothing was carried out yet).
/// </summary>
internal sealed class ShardSet
{
    private readonly RouterShard[] _shards;
    private IdClaims _claims = IdClaims.Empty;

    /// <param name="afterStep">Told of every step (state before, input, state after) under the shard's lock: a cluster node writes the users it changed through to Redis.</param>
    public ShardSet(ImmutableArray<RouterState> restored, EffectInterpreter interpreter, ILogger log, Action<RouterState, Input, RouterState>? afterStep = null)
    {
        var count = restored.Length;
        // The restored sessions' ids are claimed before any message can name them.
        for (var i = 0; i < count; i++) _claims = _claims.Reconcile(restored[i], u => Partitions.OwnerOf(u, count) == i);
        _shards = [.. restored.Select((state, i) => new RouterShard(state, Observed(count == 1 ? Router.Step : (s, input) => Step(s, input, i), afterStep),
            e => Carry(interpreter, i, e), (e, input) => Log.RouterBug(log, e, input.GetType().Name)))];
    }

    public int Count => _shards.Length;

    private static Func<RouterState, Input, Transition> Observed(Func<RouterState, Input, Transition> step, Action<RouterState, Input, RouterState>? afterStep) =>
        afterStep is null ? step : (s, input) =>
        {
            var t = step(s, input);
            afterStep(s, input, t.State);
            return t;
        };

    /// <summary>The state of the shard at <paramref name="index"/>, or of the shard that routes <paramref name="userId"/>.</summary>
    public RouterState SnapshotAt(int index) => _shards[index].Snapshot;

    public RouterState SnapshotOf(string userId) => _shards[Partitions.OwnerOf(userId, _shards.Length)].Snapshot;

    /// <summary>Changes the state of the shard that routes <paramref name="userId"/> by a pure function, between steps.</summary>
    public void Transform(string userId, Func<RouterState, RouterState> change) => _shards[Partitions.OwnerOf(userId, _shards.Length)].Transform(change);

    /// <summary>Routes an input of a link to its shard; the link's placement follows a connect message.</summary>
    public void Post(Registration? reg, ClientMessage? message, string? authUser, Input input)
    {
        if (reg is null)
        {
            _shards[Placement.Home].Post(input);
            return;
        }
        // Written only by the link's reader: a connection's inputs are posted, and so accepted, on its reader's thread.
        var placement = reg.Placement.Route(message, authUser, _shards.Length);
        if (placement != reg.Placement) reg.Placement = placement;
        _shards[placement.Target].Post(input);
    }

    /// <summary>The link is gone: every shard that may know it hears so.</summary>
    public void Gone(Registration reg, Input.Disconnected input)
    {
        var (first, second) = reg.Placement.GoneFrom();
        _shards[first].Post(input);
        if (second >= 0) _shards[second].Post(input);
    }

    private Transition Step(RouterState state, Input input, int index)
    {
        while (true)
        {
            var before = Volatile.Read(ref _claims);
            var (result, after) = PartitionStep.Step(state, before, input, index, _shards.Length);
            if (ReferenceEquals(after, before) || ReferenceEquals(Interlocked.CompareExchange(ref _claims, after, before), before)) return result;
        }
    }

    /// <summary>
    /// Interprets a shard's effect; an accepted connection is pinned to its shard, and leaves its home
    /// shard (which held its connect deadline) when another accepted it. Only shards other than home post
    /// to home from inside their step, so the locks are always taken in one order.
    /// </summary>
    private void Carry(EffectInterpreter interpreter, int shard, Effect effect)
    {
        interpreter.Interpret(shard, effect);
        if (effect is Effect.Accepted a && interpreter.Accept(a.Conn, shard) is var leaves && leaves >= 0)
            _shards[leaves].Post(Placement.LeftBehind(a.Conn));
    }

    public void TickAll(long nowMs)
    {
        foreach (var shard in _shards) shard.Post(new Input.Tick(nowMs));
    }

    public IReadOnlyList<RouterState> Snapshots() => [.. _shards.Select(s => s.Snapshot)];

    public StatusCounts Counts() => _shards.Select(s => s.Snapshot.Counts())
        .Aggregate(new StatusCounts(0, 0, 0, 0), (a, b) => new(a.Browsers + b.Browsers, a.Agents + b.Agents, a.Users + b.Users, a.Sessions + b.Sessions));

    /// <summary>True when any shard's saved table (sessions, ended-while-away reports) changed since the last call.</summary>
    public bool TakeTableChanged() => _shards.Count(s => s.TakeTableChanged()) > 0;

    /// <summary>What a restart needs, from every shard's last state.</summary>
    public SavedTable Table() => SavedTable.Of(_shards.Select(s => s.Snapshot));

    /// <summary>Stops routing (shutdown); the last states stay readable for the final save.</summary>
    public void Complete()
    {
        foreach (var s in _shards) s.Complete();
    }
}

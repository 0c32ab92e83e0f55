using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using WebDevSync.Core.Partition;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// The router partitions: each input goes to the partition its connection's <see cref="Placement"/> names.
/// With several partitions each steps through <see cref="PartitionStep"/> with the claims all partitions share
/// (<see cref="IdClaims"/>), kept here as one immutable value swapped by compare-and-exchange: a step
/// that finds the claims changed meanwhile is computed again (it is pure; nothing was carried out yet).
/// </summary>
internal sealed class PartitionSet
{
    private readonly RouterPartition[] _partitions;
    private IdClaims _claims = IdClaims.Empty;

    /// <param name="afterStep">Told of every step (state before, input, state after) under the partition's lock: a cluster node writes the users it changed through to Redis.</param>
    public PartitionSet(ImmutableArray<RouterState> restored, EffectInterpreter interpreter, ILogger log, Action<RouterState, Input, RouterState>? afterStep = null)
    {
        var count = restored.Length;
        // The restored sessions' ids are claimed before any message can name them.
        for (var i = 0; i < count; i++) _claims = _claims.Reconcile(restored[i], u => Partitions.OwnerOf(u, count) == i);
        _partitions = [.. restored.Select((state, i) => new RouterPartition(state, Observed(count == 1 ? Router.Step : (s, input) => Step(s, input, i), afterStep),
            e => Carry(interpreter, i, e), (e, input) => Log.RouterBug(log, e, input.GetType().Name)))];
    }

    public int Count => _partitions.Length;

    private static Func<RouterState, Input, Transition> Observed(Func<RouterState, Input, Transition> step, Action<RouterState, Input, RouterState>? afterStep) =>
        afterStep is null ? step : (s, input) =>
        {
            var t = step(s, input);
            afterStep(s, input, t.State);
            return t;
        };

    /// <summary>The state of the partition at <paramref name="index"/>, or of the partition that routes <paramref name="userId"/>.</summary>
    public RouterState SnapshotAt(int index) => _partitions[index].Snapshot;

    public RouterState SnapshotOf(string userId) => _partitions[Partitions.OwnerOf(userId, _partitions.Length)].Snapshot;

    /// <summary>Changes the state of the partition that routes <paramref name="userId"/> by a pure function, between steps.</summary>
    public void Transform(string userId, Func<RouterState, RouterState> change) => _partitions[Partitions.OwnerOf(userId, _partitions.Length)].Transform(change);

    /// <summary>Routes an input of a link to its partition; the link's placement follows a connect message.</summary>
    public void Post(Registration? reg, ClientMessage? message, string? authUser, Input input)
    {
        if (reg is null)
        {
            _partitions[Placement.Home].Post(input);
            return;
        }
        // Written only by the link's reader: a connection's inputs are posted, and so accepted, on its reader's thread.
        var placement = reg.Placement.Route(message, authUser, _partitions.Length);
        if (placement != reg.Placement) reg.Placement = placement;
        _partitions[placement.Target].Post(input);
    }

    /// <summary>The link is gone: every partition that may know it hears so.</summary>
    public void Gone(Registration reg, Input.Disconnected input)
    {
        var (first, second) = reg.Placement.GoneFrom();
        _partitions[first].Post(input);
        if (second >= 0) _partitions[second].Post(input);
    }

    private Transition Step(RouterState state, Input input, int index)
    {
        while (true)
        {
            var before = Volatile.Read(ref _claims);
            var (result, after) = PartitionStep.Step(state, before, input, index, _partitions.Length);
            if (ReferenceEquals(after, before) || ReferenceEquals(Interlocked.CompareExchange(ref _claims, after, before), before)) return result;
        }
    }

    /// <summary>
    /// Interprets a partition's effect; an accepted connection is pinned to its partition, and leaves its home
    /// partition (which held its connect deadline) when another accepted it. Only partitions other than home post
    /// to home from inside their step, so the locks are always taken in one order.
    /// </summary>
    private void Carry(EffectInterpreter interpreter, int partition, Effect effect)
    {
        interpreter.Interpret(partition, effect);
        if (effect is Effect.Accepted a && interpreter.Accept(a.Conn, partition) is var leaves && leaves >= 0)
            _partitions[leaves].Post(Placement.LeftBehind(a.Conn));
    }

    public void TickAll(long nowMs)
    {
        foreach (var partition in _partitions) partition.Post(new Input.Tick(nowMs));
    }

    public IReadOnlyList<RouterState> Snapshots() => [.. _partitions.Select(s => s.Snapshot)];

    public StatusCounts Counts() => _partitions.Select(s => s.Snapshot.Counts())
        .Aggregate(new StatusCounts(0, 0, 0, 0), (a, b) => new(a.Browsers + b.Browsers, a.Agents + b.Agents, a.Users + b.Users, a.Sessions + b.Sessions));

    /// <summary>True when any partition's saved table (sessions, ended-while-away reports) changed since the last call.</summary>
    public bool TakeTableChanged() => _partitions.Count(s => s.TakeTableChanged()) > 0;

    /// <summary>What a restart needs, from every partition's last state.</summary>
    public SavedTable Table() => SavedTable.Of(_partitions.Select(s => s.Snapshot));

    /// <summary>Stops routing (shutdown); the last states stay readable for the final save.</summary>
    public void Complete()
    {
        foreach (var s in _partitions) s.Complete();
    }
}

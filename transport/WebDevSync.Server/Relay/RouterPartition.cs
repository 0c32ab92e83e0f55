using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// One router: applies its step (<see cref="Router.Step"/>, or <see cref="Core.Partition.PartitionStep"/> with several partitions) to its inputs one at a time, in the order they are
/// posted, and hands the effects to the interpreter, on the posting thread (no thread hop, like the
/// reference's single event loop). A poster that finds the partition busy waits for it: a step takes
/// microseconds, while handing the input to another thread costs a thread-pool wake-up, which on two
/// cores was ~15 % of the relay's CPU (docs/PERFORMANCE.md, "One thread per message"). A connection's
/// inputs come from its one reader, so they stay in order. Routing never crosses users, so users can
/// be spread over partitions, each with its own lock.
/// </summary>
internal sealed class RouterPartition(RouterState initial, Func<RouterState, Input, Transition> step, Action<Effect> interpret, Action<Exception, Input> onBug)
{
    private readonly Lock _stepping = new();
    private RouterState _state = initial;
    private int _sessionsChanged;
    private volatile bool _completed;

    /// <summary>The state after the last step, for status and debug readers (immutable, so safe to share).</summary>
    public RouterState Snapshot => Volatile.Read(ref _state);

    /// <summary>True once since the saved table (sessions, ended-while-away reports) last changed (the persistence loop asks).</summary>
    public bool TakeTableChanged() => Interlocked.Exchange(ref _sessionsChanged, 0) == 1;

    /// <summary>Routes one input now; after <see cref="Complete"/> (shutdown) inputs are dropped.</summary>
    public void Post(Input input)
    {
        if (_completed) return;
        var outermost = OutboundPump.DeferStarts();
        try
        {
            lock (_stepping) Apply(input);
        }
        finally
        {
            if (outermost) OutboundPump.StartDeferred(); // the socket writes, outside the lock
        }
    }

    /// <summary>Replaces the state by a pure function of it, between steps (a cluster node adopting or releasing a user).</summary>
    public void Transform(Func<RouterState, RouterState> change)
    {
        lock (_stepping)
        {
            Volatile.Write(ref _state, change(_state));
            Volatile.Write(ref _sessionsChanged, 1);
        }
    }

    /// <summary>Stops routing; the last state stays readable for the final save.</summary>
    public void Complete()
    {
        lock (_stepping) _completed = true;
    }

    private void Apply(Input input)
    {
        try
        {
            var (next, effects) = step(_state, input);
            if (!ReferenceEquals(next.Sessions, _state.Sessions) || next.EndedChanges != _state.EndedChanges) Volatile.Write(ref _sessionsChanged, 1);
            Volatile.Write(ref _state, next);
            foreach (var effect in effects) interpret(effect);
        }
        catch (Exception e)
        {
            onBug(e, input);
        }
    }
}

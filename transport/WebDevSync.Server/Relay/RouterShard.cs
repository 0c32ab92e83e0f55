using System.Threading.Channels;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// One router: applies <see cref="Router.Step"/> to its inputs one at a time, in order, and hands the
/// effects to the interpreter. An input is routed on the caller's thread when the router is free and
/// nothing waits before it (no thread hop, like the reference's single event loop); otherwise it waits
/// in a channel for the routing loop. Routing never crosses users, so users can be spread over shards.
/// </summary>
internal sealed class RouterShard(RouterState initial, Action<Effect> interpret, Action<Exception, Input> onBug)
{
    private readonly Channel<Input> _inputs = Channel.CreateBounded<Input>(
        new BoundedChannelOptions(65_536) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Lock _stepping = new();
    private RouterState _state = initial;
    private int _sessionsChanged;
    private volatile bool _completed;

    /// <summary>The state after the last step, for status and debug readers (immutable, so safe to share).</summary>
    public RouterState Snapshot => Volatile.Read(ref _state);

    /// <summary>True once since the session table last changed (the persistence loop asks).</summary>
    public bool TakeSessionsChanged() => Interlocked.Exchange(ref _sessionsChanged, 0) == 1;

    public ValueTask PostAsync(Input input, CancellationToken ct = default)
    {
        // The loop dequeues and applies under the same lock, so an empty channel seen under the lock
        // means every earlier input of this caller has been applied: order is kept.
        if (!_completed && _stepping.TryEnter())
        {
            try
            {
                if (_inputs.Reader.Count == 0)
                {
                    Apply(input);
                    return ValueTask.CompletedTask;
                }
            }
            finally
            {
                _stepping.Exit();
            }
        }
        return _inputs.Writer.TryWrite(input) ? ValueTask.CompletedTask : _inputs.Writer.WriteAsync(input, ct);
    }

    public void Complete()
    {
        _completed = true;
        _inputs.Writer.TryComplete();
    }

    public async Task RunAsync()
    {
        var reader = _inputs.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            lock (_stepping)
            {
                while (reader.TryRead(out var input)) Apply(input);
            }
        }
    }

    private void Apply(Input input)
    {
        try
        {
            var (next, effects) = Router.Step(_state, input);
            if (!ReferenceEquals(next.Sessions, _state.Sessions)) Volatile.Write(ref _sessionsChanged, 1);
            Volatile.Write(ref _state, next);
            foreach (var effect in effects) interpret(effect);
        }
        catch (Exception e)
        {
            onBug(e, input);
        }
    }
}

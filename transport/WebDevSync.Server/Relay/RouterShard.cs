using System.Threading.Channels;
using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>
/// One routing loop: a single reader applies <see cref="Router.Step"/> to its inputs in order and hands
/// the effects to the interpreter. Routing never crosses users, so users can be spread over shards.
/// </summary>
internal sealed class RouterShard(RouterState initial, Action<Effect> interpret, Action<Exception, Input> onBug)
{
    private readonly Channel<Input> _inputs = Channel.CreateBounded<Input>(
        new BoundedChannelOptions(65_536) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private RouterState _state = initial;
    private int _sessionsChanged;

    /// <summary>The state after the last step, for status and debug readers (immutable, so safe to share).</summary>
    public RouterState Snapshot => Volatile.Read(ref _state);

    /// <summary>True once since the session table last changed (the persistence loop asks).</summary>
    public bool TakeSessionsChanged() => Interlocked.Exchange(ref _sessionsChanged, 0) == 1;

    public ValueTask PostAsync(Input input, CancellationToken ct = default) =>
        _inputs.Writer.TryWrite(input) ? ValueTask.CompletedTask : _inputs.Writer.WriteAsync(input, ct);

    public void Complete() => _inputs.Writer.TryComplete();

    public async Task RunAsync()
    {
        var reader = _inputs.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var input))
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
    }
}

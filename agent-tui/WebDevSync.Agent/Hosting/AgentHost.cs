using System.Threading.Channels;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.Views;

namespace WebDevSync.Agent.Hosting;

/// <summary>
/// The imperative shell's loop: events in (network, files, editors, keys, clock), one reducer step
/// each, effects out, the view shown the new state. Single-threaded over the state.
/// </summary>
public sealed class AgentHost(AgentState initial, IAgentView view, Func<long> clock)
{
    private readonly Channel<AgentEvent> _events = Channel.CreateUnbounded<AgentEvent>(new() { SingleReader = true });

    public AgentState State { get; private set; } = initial;

    public void Post(AgentEvent e) => _events.Writer.TryWrite(e);

    public async Task<int> RunAsync(AgentEffectInterpreter effects, CancellationToken ct)
    {
        using var ticker = new Timer(_ => Post(new AgentEvent.Tick(clock())), null, 200, 200);
        Post(new AgentEvent.Started(clock()));
        await foreach (var e in _events.Reader.ReadAllAsync(ct))
        {
            var t = AgentReducer.Step(State, e);
            State = t.State;
            int? exit = null;
            foreach (var effect in t.Effects)
            {
                var result = effects.Run(effect);
                exit ??= result;
            }
            view.Show(State);
            if (exit is { } code) return code;
        }
        return 0;
    }
}

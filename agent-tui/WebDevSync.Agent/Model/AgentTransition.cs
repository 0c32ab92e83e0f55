using System.Collections.Immutable;

namespace WebDevSync.Agent.Model;

/// <summary>The result of one step: the next state and the effects to carry out, in order.</summary>
public readonly record struct AgentTransition(AgentState State, ImmutableArray<AgentEffect> Effects)
{
    public static AgentTransition Of(AgentState state) => new(state, []);

    public AgentTransition With(AgentState state) => this with { State = state };

    public AgentTransition Map(Func<AgentState, AgentState> change) => this with { State = change(State) };

    public AgentTransition Emit(AgentEffect effect) => this with { Effects = Effects.Add(effect) };

    public AgentTransition Log(LogLevel level, string text, long now) => With(State.Logged(level, text, now));

    /// <summary>Threads the state through <paramref name="step"/> and keeps the effects of both.</summary>
    public AgentTransition Then(Func<AgentState, AgentTransition> step)
    {
        var next = step(State);
        return new(next.State, Effects.AddRange(next.Effects));
    }

    public AgentTransition ThenEach<T>(IEnumerable<T> items, Func<AgentState, T, AgentTransition> step) =>
        items.Aggregate(this, (t, item) => t.Then(s => step(s, item)));
}

using System.Collections.Immutable;

namespace WebDevSync.Core.Stepping;

/// <summary>
/// The result of one step of any reducer (the router's, the agent's): the next state and the effects to
/// carry out, in order. Each reducer names its own with a global alias (<c>Transition</c>,
/// <c>AgentTransition</c>) and adds its effect helpers as extension methods.
/// </summary>
public readonly record struct Transition<TState, TEffect>(TState State, ImmutableArray<TEffect> Effects)
{
    public static Transition<TState, TEffect> Of(TState state) => new(state, []);

    public Transition<TState, TEffect> With(TState state) => this with { State = state };

    public Transition<TState, TEffect> Map(Func<TState, TState> change) => this with { State = change(State) };

    public Transition<TState, TEffect> Emit(TEffect effect) => this with { Effects = Effects.Add(effect) };

    public Transition<TState, TEffect> EmitAll(IEnumerable<TEffect> effects) => this with { Effects = Effects.AddRange(effects) };

    /// <summary>Threads the state through <paramref name="step"/> and keeps the effects of both.</summary>
    public Transition<TState, TEffect> Then(Func<TState, Transition<TState, TEffect>> step)
    {
        var next = step(State);
        return new(next.State, Effects.AddRange(next.Effects));
    }

    public Transition<TState, TEffect> ThenEach<T>(IEnumerable<T> items, Func<TState, T, Transition<TState, TEffect>> step) =>
        items.Aggregate(this, (t, item) => t.Then(s => step(s, item)));
}

using System.Collections.Immutable;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>The result of one step: the next state and the effects to carry out, in order.</summary>
public readonly record struct Transition(RouterState State, ImmutableArray<Effect> Effects)
{
    public static Transition Of(RouterState state) => new(state, []);

    public Transition With(RouterState state) => this with { State = state };

    public Transition Emit(Effect effect) => this with { Effects = Effects.Add(effect) };

    public Transition Send(ConnId to, ServerMessage message) => Emit(new Effect.Send(to, message));

    public Transition SendAll(IEnumerable<ConnId> to, ServerMessage message) =>
        this with { Effects = Effects.AddRange(to.Select(c => (Effect)new Effect.Send(c, message))) };

    /// <summary>Threads the state through <paramref name="step"/> and keeps the effects of both.</summary>
    public Transition Then(Func<RouterState, Transition> step)
    {
        var next = step(State);
        return new(next.State, Effects.AddRange(next.Effects));
    }

    public Transition ThenEach<T>(IEnumerable<T> items, Func<RouterState, T, Transition> step) =>
        items.Aggregate(this, (t, item) => t.Then(s => step(s, item)));
}

using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>The router's effect helpers on its <see cref="Transition"/>.</summary>
public static class RouterTransitions
{
    public static Transition Send(this Transition t, ConnId to, ServerMessage message) => t.Emit(new Effect.Send(to, message));

    public static Transition SendAll(this Transition t, IEnumerable<ConnId> to, ServerMessage message) =>
        t.EmitAll(to.Select(c => (Effect)new Effect.Send(c, message)));
}

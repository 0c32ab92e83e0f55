namespace WebDevSync.Agent.Model;

/// <summary>The agent's helpers on its <see cref="AgentTransition"/> (the core's transition type).</summary>
public static class AgentTransitions
{
    public static AgentTransition Log(this AgentTransition t, LogLevel level, string text, long now) => t.With(t.State.Logged(level, text, now));
}

namespace WebDevSync.Agent.Model;

/// <summary>
/// The relay refused the connection: at the handshake (<see cref="AgentEvent.LinkClosed.Refusal"/>), or
/// by refusing the connect message itself (a token for another user). Its own decision, beside the
/// reconnect schedule: a refusal retrying cannot fix stops the link with the reason and the fix on
/// screen (<c>r</c> tries again), and ends a headless agent with <see cref="RefusalAdvice.ExitCode"/>.
/// </summary>
internal static class Refused
{
    public static AgentTransition Handle(AgentState s, RelayRefusal refusal, AgentEvent.LinkClosed e)
    {
        var why = RefusalAdvice.Explain(refusal, s.Settings.ServerUrl, s.Settings.UserId);
        if (!RefusalAdvice.Final(refusal)) return Connectivity.Drop(AgentTransition.Of(s), $"refused: {why}", null, e.Jitter, e.NowMs);
        return Stop(AgentTransition.Of(s), why, e.NowMs);
    }

    /// <summary>The relay answered the connect message with a connection-level refusal (no session named).</summary>
    public static AgentTransition ConnectRefused(AgentState s, RelayRefusal refusal, long now) =>
        Stop(AgentTransition.Of(s).Emit(new AgentEffect.Disconnect(s.Attempt, "refused")), RefusalAdvice.Explain(refusal, s.Settings.ServerUrl, s.Settings.UserId), now);

    private static AgentTransition Stop(AgentTransition t, string why, long now)
    {
        var stopped = t.Map(st => st with { Link = new LinkState.Stopped($"refused: {why}"), PingSentAtMs = null });
        if (!t.State.Settings.Headless)
            return stopped.Log(LogLevel.Error, $"refused {why}; not retrying (press r to retry)", now);
        return stopped.Log(LogLevel.Error, $"refused {why}; not retrying, exiting with code {RefusalAdvice.ExitCode}", now)
            .Emit(new AgentEffect.Exit(RefusalAdvice.ExitCode));
    }
}

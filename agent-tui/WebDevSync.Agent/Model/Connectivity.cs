using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Agent.Model;

/// <summary>The link to the relay: connect, announce, heartbeat, back off and reconnect.</summary>
internal static class Connectivity
{
    /// <summary>The relay closes an older socket of the same client with this status; that agent must not fight back.</summary>
    public const int ReplacedStatus = 4001;

    public static AgentTransition Connect(AgentState s, long now)
    {
        var attempt = s.Attempt + 1;
        return AgentTransition.Of(s with { Link = new LinkState.Connecting(), Attempt = attempt, PingSentAtMs = null })
            .Emit(new AgentEffect.Connect(attempt))
            .Log(LogLevel.Info, $"connecting {s.Settings.ServerUrl}", now);
    }

    public static AgentTransition Tick(AgentState s, long now) => s.Link switch
    {
        LinkState.Waiting w when now >= w.RetryAtMs => Connect(s, now),
        LinkState.Connected when s.PingSentAtMs is { } sent && now - sent >= s.Settings.PongTimeoutMs =>
            Drop(AgentTransition.Of(s).Emit(new AgentEffect.Disconnect(s.Attempt, "heartbeat timeout")), "heartbeat timeout", null, (now % 1000) / 1000.0, now),
        LinkState.Connected when now - s.LastPingMs >= s.Settings.HeartbeatIntervalMs =>
            AgentTransition.Of(s with { LastPingMs = now, PingSentAtMs = s.PingSentAtMs ?? now })
                .Emit(new AgentEffect.Send(s.Attempt, new Ping(Claims.None))),
        _ => AgentTransition.Of(s),
    };

    /// <summary>
    /// A new link: announce the open sessions, send the closes that could not go out, then the newest
    /// content of every session that has been saved. Resending even what was sent before costs one
    /// message per session and covers a relay that restarted and forgot it.
    /// </summary>
    public static AgentTransition Opened(AgentState s, AgentEvent.LinkOpened e)
    {
        if (e.Attempt != s.Attempt || s.Link is not LinkState.Connecting) return AgentTransition.Of(s);
        var announce = s.Sessions.Where(x => x.Phase != SessionPhase.Kept).Select(x => new AnnouncedSession(x.Id, x.TextareaId, x.FileType, x.BrowserConnectionId, x.Seq > 0 ? x.Seq : null)).ToArray();
        var t = AgentTransition.Of(s with { Link = new LinkState.Connected(e.NowMs), LastPingMs = e.NowMs, PingSentAtMs = null, PendingCloses = [] })
            .Log(LogLevel.Debug, $"link_open attempt {e.Attempt}", e.NowMs)
            .Emit(new AgentEffect.Send(e.Attempt, new DesktopConnect(s.Settings.ConnectionId, s.Settings.UserId, [.. announce]) { AcceptsMerged = true, AcceptsEdits = true }));
        t = s.PendingCloses.Aggregate(t, (acc, c) => acc.Emit(new AgentEffect.Send(e.Attempt, new SessionClosed(Claims.None, c.SessionId, c.Reason))));
        t = t.ThenEach(s.Sessions.Where(x => x.Saved && x.Phase != SessionPhase.Kept).Select(x => x.Id), (st, id) => Resend(st, id, e.NowMs));
        return TakeBack.EndFinished(t, e.NowMs);
    }

    private static AgentTransition Resend(AgentState s, string sessionId, long now)
    {
        var x = s.Find(sessionId)!;
        var t = AgentTransition.Of(s.Put(x with { Unsent = false, LastSyncMs = now, SavesSent = x.SavesSent + (x.Unsent ? 1 : 0), SentHash = ContentHash.Of(x.Content) }))
            .Emit(new AgentEffect.Send(s.Attempt, x.Live == LiveState.On ? LiveFlow.Update(x) : SessionFlow.Update(x)));
        return x.Unsent
            ? t.Log(LogLevel.Info, $"update_sent {LogText.Id(x.Id)} {x.SizeBytes}", now)
            : t.Log(LogLevel.Debug, $"update_resent {LogText.Id(x.Id)} {x.SizeBytes}", now);
    }

    public static AgentTransition Closed(AgentState s, AgentEvent.LinkClosed e)
    {
        if (e.Attempt != s.Attempt || s.Quitting || s.Link is LinkState.Stopped or LinkState.Waiting) return AgentTransition.Of(s);
        if (e.Refusal is { } refusal) return Refused.Handle(s, refusal, e);
        if (e.CloseStatus == ReplacedStatus)
            return AgentTransition.Of(s with { Link = new LinkState.Stopped("replaced by a newer connection of this agent") })
                .Log(LogLevel.Error, "replaced by a newer connection of this agent; not reconnecting (press r to retry)", e.NowMs);
        return Drop(AgentTransition.Of(s), e.Reason, e.CloseStatus, e.Jitter, e.NowMs);
    }

    internal static AgentTransition Drop(AgentTransition t, string reason, int? status, double jitter, long now)
    {
        var s = t.State;
        var failures = s.Failures + 1;
        var delay = Backoff.DelayMs(failures, jitter);
        var why = status is { } code ? $"{LogText.Text(reason)} (close {code})" : LogText.Text(reason);
        return t.With(s with { Link = new LinkState.Waiting(now + delay, why), Failures = failures, PingSentAtMs = null })
            .Log(LogLevel.Info, $"disconnected {why}; retry in {(delay + 999) / 1000} s", now);
    }

    public static AgentTransition ReconnectNow(AgentState s, long now)
    {
        var t = AgentTransition.Of(s with { Failures = 0 });
        if (s.Link is LinkState.Connected or LinkState.Connecting)
            t = t.Emit(new AgentEffect.Disconnect(s.Attempt, "reconnect requested"));
        return t.Log(LogLevel.Info, "reconnect requested", now).Then(st => Connect(st, now));
    }
}

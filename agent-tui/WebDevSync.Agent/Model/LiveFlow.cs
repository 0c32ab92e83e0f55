using System.Text;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Agent.Model;

/// <summary>
/// Live editing (README "Live editing"): a live editor's buffer goes out as it changes, with the
/// newest seq seen as <c>baseSeq</c>; the page's changes (and a change of ours the relay overtook)
/// go into the live buffer, or into a save-based editor's file when it holds nothing unsent.
/// </summary>
internal static class LiveFlow
{
    /// <summary>A live change: the whole text, based on the newest text the editor is known to hold.</summary>
    public static ClientMessage Update(AgentSession x) => new CodeUpdate(Claims.None, x.Id, x.TextareaId, x.Content, x.EditorSeq);

    public static AgentTransition BufferChanged(AgentState s, AgentEvent.BufferChanged e)
    {
        if (s.Find(e.SessionId) is not { } x || e.Content == x.Content) return AgentTransition.Of(s);
        var id = LogText.Id(x.Id);
        var bytes = Encoding.UTF8.GetByteCount(e.Content);
        if (bytes > s.Settings.MaxFileBytes)
            return AgentTransition.Of(s).Log(LogLevel.Error, $"live_too_large {id} {bytes} (limit {s.Settings.MaxFileBytes})", e.NowMs);
        var before = x;
        x = x with { Content = e.Content, SizeBytes = bytes, Saved = true };
        if (!s.IsConnected) return AgentTransition.Of(s.Put(x with { Unsent = true })).Log(LogLevel.Debug, $"live_queued {id} {bytes}", e.NowMs);
        x = x with { Unsent = false, LastSyncMs = e.NowMs, SentHash = ContentHash.Of(e.Content) };
        return AgentTransition.Of(s.Put(x))
            .Emit(new AgentEffect.Send(s.Attempt, LiveEdits.Change(before, x)))
            .Log(LogLevel.Debug, $"live_sent {id} {bytes}", e.NowMs);
    }

    /// <summary>The tab's change, forwarded by the relay with its seq.</summary>
    public static AgentTransition PageChanged(AgentState s, ServerMessage.CodeUpdate u, long now) =>
        s.Find(u.SessionId) is not { } x
            ? AgentTransition.Of(s).Log(LogLevel.Debug, $"page_change_unknown {LogText.Id(u.SessionId)}", now)
            : Adopt(s, x with { Seq = Math.Max(x.Seq, u.Seq) }, u.Code, "page_change", now);

    /// <summary>Our change was accepted: the editor made it, so the editor holds that seq.</summary>
    public static AgentTransition Acked(AgentState s, ServerMessage.CodeAck a) =>
        s.Find(a.SessionId) is not { } x ? AgentTransition.Of(s)
            : AgentTransition.Of(s.Put(x with { Seq = Math.Max(x.Seq, a.Seq), EditorSeq = Math.Max(x.EditorSeq, a.Seq) }));

    /// <summary>The editor took the page's text: if it is still the newest, the editor holds the newest seq.</summary>
    public static AgentTransition Applied(AgentState s, AgentEvent.EditorApplied a) =>
        s.Find(a.SessionId) is { } x && a.Content == x.Content ? AgentTransition.Of(s.Put(x with { EditorSeq = x.Seq })) : AgentTransition.Of(s);

    /// <summary>Our change lost the race to the page's: take the relay's text, so both ends hold it.</summary>
    public static AgentTransition Overtaken(AgentState s, ServerMessage.CodeOvertaken o, long now) =>
        s.Find(o.SessionId) is not { } x ? AgentTransition.Of(s) : Adopt(s, x with { Seq = Math.Max(x.Seq, o.Seq) }, o.Code, "live_overtaken", now);

    /// <summary>
    /// Our change was overtaken and merged with the page's (issue 24): take the merged text, which holds
    /// both, as an incoming page change; the editor holds its seq once it has applied it.
    /// </summary>
    public static AgentTransition Merged(AgentState s, ServerMessage.CodeMerged g, long now) =>
        s.Find(g.SessionId) is not { } x ? AgentTransition.Of(s) : Adopt(s, x with { Seq = Math.Max(x.Seq, g.Seq) }, g.Code, "live_merged", now);

    private static AgentTransition Adopt(AgentState s, AgentSession x, string code, string what, long now)
    {
        if (code == x.Content) return AgentTransition.Of(s.Put(x));
        var old = x.Content;
        var bytes = Encoding.UTF8.GetByteCount(code);
        x = x with { Content = code, SizeBytes = bytes, LastSyncMs = now, SentHash = ContentHash.Of(code) };
        var t = AgentTransition.Of(s.Put(x));
        return x.Live == LiveState.On
            ? t.Emit(new AgentEffect.ApplyToEditor(x.Id, code)).Log(LogLevel.Info, $"{what} {LogText.Id(x.Id)} {bytes} (into the editor)", now)
            : t.Emit(new AgentEffect.RewriteFile(x.Id, x.FilePath, old, code)).Log(LogLevel.Info, $"{what} {LogText.Id(x.Id)} {bytes} (file rewritten)", now);
    }

    /// <summary>
    /// The link is up. The buffer is brought to the newest text only when a page change came while the
    /// editor started (the session's seq passed the one the editor opened with): otherwise the buffer
    /// already holds the file it opened, plus whatever the user typed before the link was up, which
    /// pushing the opened text again would erase.
    /// </summary>
    public static AgentTransition Attached(AgentState s, AgentEvent.LiveAttached a)
    {
        if (s.Find(a.SessionId) is not { } x) return AgentTransition.Of(s);
        var t = AgentTransition.Of(s.Put(x with { Live = LiveState.On }));
        if (x.Seq > x.EditorSeq) t = t.Emit(new AgentEffect.ApplyToEditor(x.Id, x.Content));
        return t.Log(LogLevel.Info, $"live_on {LogText.Id(x.Id)} {LogText.Text(a.Description)}", a.NowMs);
    }

    public static AgentTransition Ended(AgentState s, AgentEvent.LiveEnded e) =>
        s.Find(e.SessionId) is not { Live: not LiveState.Off } x ? AgentTransition.Of(s)
            : AgentTransition.Of(s.Put(x with { Live = LiveState.Off }))
                .Log(LogLevel.Info, $"live_off {LogText.Id(x.Id)} {LogText.Text(e.Reason)}", e.NowMs);

    public static AgentTransition NotWritten(AgentState s, AgentEvent.PageChangeNotWritten n) =>
        s.Find(n.SessionId) is null ? AgentTransition.Of(s)
            : AgentTransition.Of(s).Log(LogLevel.Info, $"page_change_not_written {LogText.Id(n.SessionId)} {LogText.Text(n.Reason)}", n.NowMs);
}

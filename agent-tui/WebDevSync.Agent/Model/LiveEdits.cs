using WebDevSync.Core.Editing;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;

namespace WebDevSync.Agent.Model;

/// <summary>
/// Live changes as edits (issue 28). A change the editor made goes out as the edits from the text the
/// agent last had to the new one (a diff, so every editor gets it: nvim's line events, vim's channel and
/// GhostText all end in a whole buffer here) with the result's checksum, when the editor is known to hold
/// the newest seq; otherwise whole, as before. The page's edits apply to the text the agent has at
/// their base seq; edits for another seq, or that give another checksum, mean this copy drifted: the
/// agent asks for the whole text (<c>code_refresh</c>) rather than guess.
/// </summary>
internal static class LiveEdits
{
    /// <summary>A change from <paramref name="before"/>'s text to <paramref name="after"/>'s.</summary>
    public static ClientMessage Change(AgentSession before, AgentSession after)
    {
        // While a page change is on its way into the buffer, the text the relay builds on is not the one
        // the agent last had: the whole text lets the relay merge or overtake it as before.
        if (before.EditorSeq != before.Seq) return LiveFlow.Update(after);
        var edits = EditScript.Between(before.Content, after.Content);
        return edits.Length > Limits.MaxEditsPerChange
            ? LiveFlow.Update(after)
            : new CodeEdits(Claims.None, after.Id, after.TextareaId, after.EditorSeq, edits, TextSum.Of(after.Content));
    }

    /// <summary>The page's change as edits: applied to the agent's text when it is the one they build on, as a whole page change would be.</summary>
    public static AgentTransition PageEdited(AgentState s, ServerMessage.CodeEdits e, long now)
    {
        if (s.Find(e.SessionId) is not { } x) return AgentTransition.Of(s).Log(LogLevel.Debug, $"page_change_unknown {LogText.Id(e.SessionId)}", now);
        if (e.BaseSeq == x.Seq && EditScript.Apply(x.Content, e.Edits) is { } text && TextSum.Of(text) == e.Sum)
            return LiveFlow.PageChanged(s, new ServerMessage.CodeUpdate(e.SessionId, e.TextareaId, text, e.Seq), now);
        return AgentTransition.Of(s)
            .Emit(new AgentEffect.Send(s.Attempt, new CodeRefresh(Claims.None, x.Id)))
            .Log(LogLevel.Info, $"page_edits_refresh {LogText.Id(x.Id)} (edits for seq {e.BaseSeq}, this copy is at {x.Seq})", now);
    }
}

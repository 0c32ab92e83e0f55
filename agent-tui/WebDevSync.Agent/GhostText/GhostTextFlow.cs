using System.Diagnostics;
using WebDevSync.Agent.Live;
using WebDevSync.Core.Protocol;
using static WebDevSync.Core.Protocol.ClientMessage;
using EditScript = WebDevSync.Core.Editing.EditScript;
using TextSum = WebDevSync.Core.Editing.TextSum;

namespace WebDevSync.Agent.GhostText;

/// <summary>One GhostText field as a tab session on the relay: its text and the newest seq seen.</summary>
public sealed record GhostTextState(string SessionId, string TextareaId, Claims Claims, bool Opened, string Text, long Seq, bool Closed)
{
    public static GhostTextState New(string sessionId, string connectionId, string userId) =>
        new(sessionId, "ghosttext", new Claims(connectionId, userId), false, "", 0, false);
}

/// <summary>What reaches one bridged field. A closed set.</summary>
public abstract record GhostTextInput
{
    private GhostTextInput() { }

    /// <summary>The extension's first message or a later change in the page.</summary>
    public sealed record FromPage(GhostTextChange Change) : GhostTextInput;

    public sealed record FromRelay(ServerMessage Message) : GhostTextInput;

    /// <summary>The extension closed the WebSocket (the user stopped GhostText or left the page).</summary>
    public sealed record PageGone : GhostTextInput;
}

/// <summary>What the shell does for one bridged field. A closed set.</summary>
public abstract record GhostTextEffect
{
    private GhostTextEffect() { }

    public sealed record ToRelay(ClientMessage Message) : GhostTextEffect;

    /// <summary>Send the editor's text to the extension, the cursor at the end of what changed.</summary>
    public sealed record ToPage(string Text, int Cursor) : GhostTextEffect;

    /// <summary>Close the extension's WebSocket (the session ended at the agent, or the relay refused it).</summary>
    public sealed record ClosePage(string Reason) : GhostTextEffect;
}

/// <summary>
/// The bridge's pure core: the first GhostText message opens a session (<c>edit_request</c> with the
/// page's url, title and cursor), later ones are live page changes (<c>code_update</c> with
/// <c>baseSeq</c>); the agent's changes and overtaken answers go back to the page (README "Live editing").
/// </summary>
public static class GhostTextFlow
{
    public static (GhostTextState State, IReadOnlyList<GhostTextEffect> Effects) Step(GhostTextState s, GhostTextInput input) =>
        s.Closed ? (s, []) : input switch
        {
            GhostTextInput.FromPage { Change: var c } when !s.Opened => Open(s, c),
            GhostTextInput.FromPage { Change: var c } when c.Text == s.Text => (s, []),
            GhostTextInput.FromPage { Change: var c } => (s with { Text = c.Text }, [new GhostTextEffect.ToRelay(Changed(s, c.Text))]),
            GhostTextInput.FromRelay { Message: var m } => FromRelay(s, m),
            GhostTextInput.PageGone => (s with { Closed = true }, [new GhostTextEffect.ToRelay(new SessionClosed(s.Claims, s.SessionId, "closed_by_browser"))]),
            _ => throw new UnreachableException(input.GetType().Name),
        };

    private static (GhostTextState, IReadOnlyList<GhostTextEffect>) Open(GhostTextState s, GhostTextChange c)
    {
        var page = new PageContext(Url(c.Url), Title(c.Title), c.Selection);
        return (s with { Opened = true, Text = c.Text },
            [new GhostTextEffect.ToRelay(new EditRequest(s.Claims, s.SessionId, s.TextareaId, c.Text, FileTypes.From(c.Syntax, c.Url), page))]);
    }

    /// <summary>
    /// GhostText sends the field's whole text; the relay gets the edits from the text this bridge last had
    /// (README "Edits"), which is the one at its seq or its own newer change, as the relay's base is. Text
    /// that drifted is answered with code_overtaken, which the bridge adopts.
    /// </summary>
    private static ClientMessage Changed(GhostTextState s, string text)
    {
        var edits = EditScript.Between(s.Text, text);
        return edits.Length > Limits.MaxEditsPerChange
            ? new CodeUpdate(s.Claims, s.SessionId, s.TextareaId, text, s.Seq)
            : new CodeEdits(s.Claims, s.SessionId, s.TextareaId, s.Seq, edits, TextSum.Of(text));
    }

    private static (GhostTextState, IReadOnlyList<GhostTextEffect>) FromRelay(GhostTextState s, ServerMessage m) => m switch
    {
        ServerMessage.CodeUpdate u when u.SessionId == s.SessionId => Adopt(s, u.Code, u.Seq),
        ServerMessage.CodeOvertaken o when o.SessionId == s.SessionId => Adopt(s, o.Code, o.Seq),
        ServerMessage.CodeAck a when a.SessionId == s.SessionId => (s with { Seq = Math.Max(s.Seq, a.Seq) }, []),
        ServerMessage.SessionClosed c when c.SessionId == s.SessionId => (s with { Closed = true }, [new GhostTextEffect.ClosePage(c.Reason)]),
        ServerMessage.Error { Code: ErrorCode.NoDesktop or ErrorCode.SessionNotFound or ErrorCode.Forbidden or ErrorCode.InvalidMessage or ErrorCode.PayloadTooLarge } e
            when e.SessionId is null || e.SessionId == s.SessionId =>
            (s with { Closed = true }, [new GhostTextEffect.ClosePage($"{e.Code.Wire()}: {e.Message}")]),
        _ => (s, []),
    };

    private static (GhostTextState, IReadOnlyList<GhostTextEffect>) Adopt(GhostTextState s, string code, long seq)
    {
        var next = s with { Text = code, Seq = Math.Max(s.Seq, seq) };
        if (code == s.Text) return (next, []);
        var edit = TextEdit.Between(s.Text, code);
        return (next, [new GhostTextEffect.ToPage(code, edit.Start + edit.Inserted.Length)]);
    }

    /// <summary>The relay refuses URLs that are not absolute and titles with control characters; send only what it takes.</summary>
    private static string? Url(string url) => PageContextRules.Problem(new PageContext(url, null, null), 0, "") is null && url.Length > 0 ? url : null;

    private static string? Title(string title)
    {
        var clean = new string(title.Select(ch => ch < ' ' || ch == '\u007f' ? ' ' : ch).Take(PageContextRules.MaxTitleLength).ToArray());
        return clean.Length > 0 ? clean : null;
    }
}

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>
/// A tab's side of one live session, kept as the browser library keeps it (README "Live editing"):
/// its text and the newest seq seen; changes go out with that seq as <c>baseSeq</c>; updates and
/// overtaken answers replace the text, acks raise the seq.
/// </summary>
public sealed class LiveTab(BrowserClient browser, string sessionId, string textareaId, string text)
{
    private int _seen;

    public string Text { get; private set; } = text;

    public long Seq { get; private set; }

    /// <summary>Takes in what arrived since the last look.</summary>
    public LiveTab Sync()
    {
        var received = browser.Received;
        foreach (var m in received.Skip(_seen))
        {
            switch (m)
            {
                case ServerMessage.CodeUpdate u when u.SessionId == sessionId: (Text, Seq) = (u.Code, Math.Max(Seq, u.Seq)); break;
                case ServerMessage.CodeOvertaken o when o.SessionId == sessionId: (Text, Seq) = (o.Code, Math.Max(Seq, o.Seq)); break;
                case ServerMessage.CodeMerged g when g.SessionId == sessionId: (Text, Seq) = (g.Code, Math.Max(Seq, g.Seq)); break;
                case ServerMessage.CodeAck a when a.SessionId == sessionId: Seq = Math.Max(Seq, a.Seq); break;
            }
        }
        _seen = received.Count;
        return this;
    }

    /// <summary>The user typed in the page: the whole new text, based on the newest seq seen.</summary>
    public Task ChangeAsync(string newText) => ChangeAsync(newText, Sync().Seq);

    /// <summary>The user typed in the page before the text of seqs after <paramref name="baseSeq"/> reached it.</summary>
    public Task ChangeAsync(string newText, long baseSeq)
    {
        Sync();
        Text = newText;
        return browser.SendAsync(new ClientMessage.CodeUpdate(new Claims(browser.ConnectionId, browser.UserId), sessionId, textareaId, newText, baseSeq));
    }

    public Task WaitForTextAsync(Func<string, bool> match, string what) =>
        Poll.UntilAsync(() => match(Sync().Text), $"the tab's text to be {what}; it is {EditorInTmux.Show(Text)}");
}

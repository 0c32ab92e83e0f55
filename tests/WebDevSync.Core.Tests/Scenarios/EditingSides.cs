using WebDevSync.Core.Editing;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// A tab and an agent that send their changes as edits and take the other side's as edits (issue 28),
/// with messages in flight both ways, driven step by step against the real router. Each side is what
/// the browser library and the agent do: it keeps the relay's text at the newest seq it has seen (its
/// shadow), sends each change as the edits from its previous text, applies incoming edits to the shadow
/// and asks for the whole text (<c>code_refresh</c>) when they do not apply or the checksum differs; it
/// shows what the relay sends only when no change of its own is unanswered (<see cref="Side.Adopt"/>).
/// </summary>
public sealed class EditingSides
{
    public const long Tab = 1, Agent = 10;
    public const string SessionId = "s1";

    private readonly Dictionary<long, Side> _sides;

    public EditingSides(string document, bool acceptsMerged, bool asEdits = true)
    {
        AsEdits = asEdits;
        _sides = new() { [Tab] = new Side(document), [Agent] = new Side(document) };
        Relay.Send(Tab, new ClientMessage.BrowserConnect("b-1", "alice", []) { AcceptsMerged = acceptsMerged, AcceptsEdits = asEdits });
        Relay.Send(Agent, new ClientMessage.DesktopConnect("d-1", "alice", []) { AcceptsMerged = acceptsMerged, AcceptsEdits = asEdits });
        Relay.Edit(Tab, SessionId, document);
        Route();
        _sides[Agent].Inbox.Clear(); // the edit_request: the agent opened the document at seq 0
    }

    public Examples.Relay Relay { get; } = new();

    /// <summary>Whether changes go as edits (else whole, as the seed's clients send them).</summary>
    public bool AsEdits { get; }

    /// <summary>Changes the other side was sent whole although it takes edits.</summary>
    public int WholeForwards { get; private set; }

    /// <summary><c>code_refresh</c>es sent.</summary>
    public int Refreshes { get; private set; }

    public string TextOf(long side) => _sides[side].Text;

    public string RelayText => Relay.State.Sessions[SessionId].Code!;

    /// <summary>The side types: <paramref name="text"/> becomes its text, and the change goes into its outbox.</summary>
    public void Type(long side, string text)
    {
        var x = _sides[side];
        if (text == x.Text) return;
        x.Outbox.Enqueue(AsEdits
            ? new ClientMessage.CodeEdits(Claims.None, SessionId, null, x.Seq, EditScript.Between(x.Text, text), TextSum.Of(text))
            : new ClientMessage.CodeUpdate(Claims.None, SessionId, null, text, x.Seq));
        x.Pending.Enqueue(text);
        x.Text = text;
    }

    /// <summary>The relay reads the side's oldest message, if any.</summary>
    public void Submit(long side)
    {
        if (_sides[side].Outbox.TryDequeue(out var m))
        {
            Relay.Send(side, m);
            Route();
        }
    }

    /// <summary>The side reads the relay's oldest message to it, if any.</summary>
    public void Deliver(long side)
    {
        var x = _sides[side];
        if (!x.Inbox.TryDequeue(out var m)) return;
        switch (m)
        {
            case ServerMessage.CodeAck a:
                x.Adopt(x.Pending.Dequeue(), a.Seq);
                break;
            case ServerMessage.CodeOvertaken o:
                x.Pending.Dequeue();
                x.Adopt(o.Code, o.Seq);
                break;
            case ServerMessage.CodeMerged g:
                x.Pending.Dequeue();
                x.Adopt(g.Code, g.Seq);
                break;
            case ServerMessage.CodeUpdate u:
                x.Adopt(u.Code, u.Seq);
                break;
            case ServerMessage.CodeEdits e:
                if (e.BaseSeq == x.Seq && EditScript.Apply(x.Shadow, e.Edits) is { } text && TextSum.Of(text) == e.Sum) x.Adopt(text, e.Seq);
                else
                {
                    Refreshes++;
                    x.Outbox.Enqueue(new ClientMessage.CodeRefresh(Claims.None, SessionId));
                }
                break;
            case ServerMessage.Error error:
                throw new InvalidOperationException($"side {side} was sent an error: {error}");
        }
    }

    /// <summary>Every message in flight delivered, both ways, until none is left.</summary>
    public void Settle()
    {
        while (_sides.Values.Any(x => x.Outbox.Count > 0 || x.Inbox.Count > 0))
            foreach (var side in _sides.Keys)
            {
                Submit(side);
                Deliver(side);
            }
    }


    private void Route()
    {
        foreach (var side in _sides.Keys)
            foreach (var m in Relay.To(side))
            {
                if (m is ServerMessage.CodeUpdate && AsEdits && Relay.LastInput is Input.Message { Body: ClientMessage.CodeEdits }) WholeForwards++;
                _sides[side].Inbox.Enqueue(m);
            }
    }

    private sealed class Side(string document)
    {
        public string Text { get; set; } = document;
        public string Shadow { get; set; } = document;
        public long Seq { get; set; }
        public Queue<string> Pending { get; } = new();
        public Queue<ClientMessage> Outbox { get; } = new();
        public Queue<ServerMessage> Inbox { get; } = new();

        /// <summary>
        /// The relay's text at <paramref name="seq"/>. It is shown only when no change of this side's is still
        /// unanswered: the answer to that one settles what is shown (an ack keeps the typed text, anything
        /// else brings the relay's), so an answer to an older change never takes back newer typing.
        /// </summary>
        public void Adopt(string text, long seq)
        {
            (Shadow, Seq) = (text, seq);
            if (Pending.Count == 0) Text = text;
        }
    }
}

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>A client as the scenario knows it: a user and the client id it connected with (which outlives sockets).</summary>
public sealed record ClientKey(string User, string Client)
{
    public override string ToString() => $"{User}/{Client}";
}

/// <summary>
/// What one client holds of one session, as a real client would: the text it shows (the code it
/// opened or was sent, or its own accepted change), the newest seq it was told, the one before that,
/// and the highest baseSeq it sent (bases never go down). <see cref="Pending"/> is a change whose
/// answer it never heard (it dropped): a real client sends it again after it reconnects, unless what
/// it is sent on return settles it (README "Live editing", "Reconnects").
/// </summary>
public sealed record Known(string? Text, long Seen, long PrevSeen, long LastBase)
{
    public static readonly Known Nothing = new(null, 0, 0, 0);

    public PendingChange? Pending { get; init; }

    public Known See(long seq) => seq > Seen ? this with { PrevSeen = Seen, Seen = seq } : this;
}

/// <summary>A change sent without hearing its answer.</summary>
public sealed record PendingChange(string Code, long? BaseSeq);

/// <summary>
/// Every client's view of the sessions, kept from the messages the scenario delivered to it and the
/// changes it sent (live editing). A client that once reconnected listing made-up cursors or sessions
/// is <see cref="Dishonest"/>: the relay cannot be expected to keep it in step.
/// </summary>
public sealed record ClientKnowledge(ImmutableDictionary<(ClientKey Client, string Session), Known> Entries, ImmutableHashSet<ClientKey> Dishonest)
{
    public static readonly ClientKnowledge Empty = new(ImmutableDictionary<(ClientKey, string), Known>.Empty, []);

    public Known? Of(ClientKey client, string session) => Entries.GetValueOrDefault((client, session));

    public IEnumerable<(string Session, Known Known)> SessionsOf(ClientKey client) =>
        Entries.Where(p => p.Key.Client == client).OrderBy(p => p.Key.Session, StringComparer.Ordinal).Select(p => (p.Key.Session, p.Value));

    public bool Honest(ClientKey client) => !Dishonest.Contains(client);

    /// <summary>The knowledge after one router step; <paramref name="who"/> names a socket's client as the scenario saw it.</summary>
    public ClientKnowledge After(Input input, RouterState before, Transition result, Func<ConnId, Ident?> who, bool fresh, bool recall, ConnId? deaf = null)
    {
        var k = this;
        // A session id opened anew starts a new life: what anyone knew of the old one is void.
        foreach (var id in result.State.Sessions.Keys.Where(id => !before.Sessions.ContainsKey(id))) k = k.Forget(id);
        var sends = result.Effects.OfType<Effect.Send>().ToList();
        if (input is Input.Message m && who(m.Conn) is { } sender)
        {
            var me = new ClientKey(sender.User, sender.ClientId);
            if (fresh) k = k.Judge(me, sender.Role, m.Body, recall);
            k = deaf == m.Conn && m.Body is ClientMessage.CodeUpdate lost ? k.Unanswered(me, lost) : k.Sent(me, m.Body, before, result.State, sends);
        }
        foreach (var send in sends)
            if (send.To != deaf && who(send.To) is { } to) k = k.Received(new ClientKey(to.User, to.ClientId), send.Message);
        return k;
    }

    ClientKnowledge Judge(ClientKey me, Role role, ClientMessage body, bool recall)
    {
        var listed = body switch
        {
            ClientMessage.BrowserConnect b => !b.Resume.IsEmpty,
            ClientMessage.DesktopConnect d => !d.Sessions.IsEmpty,
            _ => false,
        };
        var forgets = role == Role.Agent && SessionsOf(me).Any(); // an agent that does not re-announce what it holds
        return !recall && (listed || forgets) ? this with { Dishonest = Dishonest.Add(me) } : this;
    }

    ClientKnowledge Sent(ClientKey me, ClientMessage body, RouterState before, RouterState after, List<Effect.Send> sends)
    {
        var refused = sends.Any(s => s.Message is ServerMessage.Error);
        switch (body)
        {
            case ClientMessage.CodeUpdate u:
                var k = u.BaseSeq is { } b && Of(me, u.SessionId) is { } known ? Set(me, u.SessionId, known with { LastBase = Math.Max(known.LastBase, b) }) : this;
                var accepted = !refused && after.Sessions.GetValueOrDefault(u.SessionId) is { } x && x.Seq > (before.Sessions.GetValueOrDefault(u.SessionId)?.Seq ?? -1);
                return accepted ? k.Set(me, u.SessionId, (k.Of(me, u.SessionId) ?? Known.Nothing) with { Text = u.Code }) : k;
            case ClientMessage.EditRequest e when sends.Any(s => s.Message is ServerMessage.EditRequest r && r.SessionId == e.SessionId):
                return Set(me, e.SessionId, (Of(me, e.SessionId) ?? Known.Nothing) with { Text = e.Code });
            default:
                return this;
        }
    }

    /// <summary>The client shows what it typed; whether the relay took it, it learns only after it is back.</summary>
    ClientKnowledge Unanswered(ClientKey me, ClientMessage.CodeUpdate u) =>
        Set(me, u.SessionId, (Of(me, u.SessionId) ?? Known.Nothing) with { Text = u.Code, Pending = new PendingChange(u.Code, u.BaseSeq) });

    // Any answer or newer text settles a pending change: acknowledged, or overtaken by what arrived.
    ClientKnowledge Received(ClientKey to, ServerMessage message) => message switch
    {
        ServerMessage.EditRequest r => Set(to, r.SessionId, (Of(to, r.SessionId) ?? Known.Nothing).See(r.Seq) with { Text = r.Code, Pending = null }),
        ServerMessage.CodeUpdate u => Set(to, u.SessionId, (Of(to, u.SessionId) ?? Known.Nothing).See(u.Seq) with { Text = u.Code, Pending = null }),
        ServerMessage.CodeOvertaken o => Set(to, o.SessionId, (Of(to, o.SessionId) ?? Known.Nothing).See(o.Seq) with { Text = o.Code, Pending = null }),
        ServerMessage.CodeAck a => Set(to, a.SessionId, (Of(to, a.SessionId) ?? Known.Nothing).See(a.Seq) with { Pending = null }),
        ServerMessage.SessionClosed c => this with { Entries = Entries.Remove((to, c.SessionId)) },
        _ => this,
    };

    ClientKnowledge Set(ClientKey c, string session, Known known) => this with { Entries = Entries.SetItem((c, session), known) };

    ClientKnowledge Forget(string session) => this with { Entries = Entries.RemoveRange(Entries.Keys.Where(key => key.Session == session).ToList()) };
}

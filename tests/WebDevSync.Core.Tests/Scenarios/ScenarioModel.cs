using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>Who a socket is, as the scenario saw it acknowledged; <see cref="Since"/> orders agents by arrival.</summary>
public sealed record Ident(string User, string ClientId, Role Role, int Since);

/// <summary>Which user owns a session and which browser client the scenario bound it to.</summary>
public sealed record Binding(string Owner, string BrowserClientId);

/// <summary>
/// The scenario's own bookkeeping, kept from the inputs it sent and the acks and deliveries it saw,
/// never from the router's internals (the router state is only used to learn that a session ended,
/// and separate properties check those ends were legitimate). Properties judge the router by it.
/// </summary>
public sealed record ScenarioModel(
    ImmutableDictionary<int, ConnId> Sockets,
    ImmutableDictionary<ConnId, Ident> Idents,
    ImmutableDictionary<string, Binding> Bindings,
    ImmutableDictionary<string, long> LastLeftMs)
{
    /// <summary>What each client holds of each session (live editing), from what it was sent and what it sent.</summary>
    public ClientKnowledge Known { get; init; } = ClientKnowledge.Empty;

    public ClientKey KeyOf(Ident ident) => new(ident.User, ident.ClientId);

    public static readonly ScenarioModel Empty = new(
        ImmutableDictionary<int, ConnId>.Empty, ImmutableDictionary<ConnId, Ident>.Empty,
        ImmutableDictionary<string, Binding>.Empty, ImmutableDictionary<string, long>.Empty);

    /// <summary>The slot's current socket; a slot gets a new handle (+100) each time its socket closes.</summary>
    public ConnId Socket(int slot) => Sockets.GetValueOrDefault(slot, new ConnId(slot));

    public static int SlotOf(ConnId conn) => (int)(conn.Value % 100);

    public Ident? IdentOf(ConnId conn) => Idents.GetValueOrDefault(conn);

    public bool IsLive(string user) => Idents.Values.Any(i => i.User == user);

    public bool HasAgent(string user) => Idents.Values.Any(i => i.User == user && i.Role == Role.Agent);

    public IEnumerable<ConnId> Of(string user, Role role) => Idents.Where(p => p.Value.User == user && p.Value.Role == role).Select(p => p.Key);

    public ConnId? NewestAgent(string user) =>
        Idents.Where(p => p.Value.User == user && p.Value.Role == Role.Agent).OrderBy(p => p.Value.Since).Select(p => (ConnId?)p.Key).LastOrDefault();

    /// <summary>The model after one router step on <paramref name="input"/> gave <paramref name="result"/>.</summary>
    public ScenarioModel After(int index, Input input, RouterState before, Transition result, bool recall = false, bool deaf = false)
    {
        var known = Known.After(input, before, result, conn => IdentOf(conn) ?? AckedOn(conn, input, result),
            fresh: input is Input.Message { Body: ClientMessage.BrowserConnect or ClientMessage.DesktopConnect } fc && !Idents.ContainsKey(fc.Conn), recall,
            deaf: deaf && input is Input.Message dm ? dm.Conn : null);
        return Bookkept(index, input, result) with { Known = known };
    }

    /// <summary>Who a connect step's socket was acknowledged as, if it was.</summary>
    static Ident? AckedOn(ConnId conn, Input input, Transition result) =>
        input is Input.Message m && m.Conn == conn
        && result.Effects.OfType<Effect.Send>().FirstOrDefault(e => e.To == conn && e.Message is ConnectionAck)?.Message is ConnectionAck ack
            ? new Ident(ack.UserId, ack.ConnectionId, ack.Role, int.MaxValue) : null;

    ScenarioModel Bookkept(int index, Input input, Transition result)
    {
        var sends = result.Effects.OfType<Effect.Send>().ToList();
        var m = this;
        if (input is Input.Message { Body: ClientMessage.BrowserConnect or ClientMessage.DesktopConnect } c && !Idents.ContainsKey(c.Conn)
            && sends.FirstOrDefault(e => e.To == c.Conn && e.Message is ConnectionAck)?.Message is ConnectionAck ack)
            m = m.Bound(c, ack, sends) with { Idents = m.Idents.Add(c.Conn, new Ident(ack.UserId, ack.ConnectionId, ack.Role, index)) };

        if (input is Input.Message { Body: ClientMessage.EditRequest e } edit && IdentOf(edit.Conn) is { Role: Role.Browser } tab
            && sends.Any(x => x.Message is ServerMessage.EditRequest r && r.SessionId == e.SessionId))
            m = m with { Bindings = m.Bindings.SetItem(e.SessionId, new Binding(tab.User, tab.ClientId)) };

        var gone = result.Effects.OfType<Effect.Close>().Select(x => x.Conn).ToList();
        if (input is Input.Disconnected d) gone.Add(d.Conn);
        m = gone.Aggregate(m, (acc, conn) => acc.Gone(conn, input.NowMs));
        return m with { Bindings = m.Bindings.Where(p => result.State.Sessions.ContainsKey(p.Key)).ToImmutableDictionary() };
    }

    /// <summary>A fresh agent's announced sessions that the router did not refuse are bound to the tab they name.</summary>
    ScenarioModel Bound(Input.Message c, ConnectionAck ack, List<Effect.Send> sends)
    {
        if (c.Body is not ClientMessage.DesktopConnect d) return this;
        var refused = sends.Where(x => x.To == c.Conn && x.Message is SessionClosed).Select(x => ((SessionClosed)x.Message).SessionId).ToHashSet();
        var adopted = d.Sessions.Where(a => !Bindings.ContainsKey(a.SessionId) && !refused.Contains(a.SessionId));
        return this with { Bindings = Bindings.SetItems(adopted.Select(a => KeyValuePair.Create(a.SessionId, new Binding(ack.UserId, a.BrowserConnectionId)))) };
    }

    /// <summary>
    /// After a restart: every socket dropped (each slot gets a fresh handle), so every user who was
    /// connected left at the restart, and so did every user holding a restored session or an
    /// ended-while-away report (their tabs are away from then on, with a fresh grace period:
    /// <see cref="Restore"/>). The sessions, their bindings and what clients hold of them stay.
    /// </summary>
    public ScenarioModel Restarted(long now, RouterState restored)
    {
        var left = Idents.Values.Select(i => i.User).Concat(restored.Sessions.Values.Select(x => x.UserId)).Concat(restored.Users.Keys).Distinct();
        return this with
        {
            Sockets = Pools.Slots.ToImmutableDictionary(slot => slot, slot => new ConnId(Socket(slot).Value + 100)),
            Idents = ImmutableDictionary<ConnId, Ident>.Empty,
            LastLeftMs = LastLeftMs.SetItems(left.Select(u => KeyValuePair.Create(u, now))),
        };
    }

    ScenarioModel Gone(ConnId conn, long now)
    {
        var slot = SlotOf(conn);
        var m = Socket(slot) == conn ? this with { Sockets = Sockets.SetItem(slot, new ConnId(conn.Value + 100)) } : this;
        if (IdentOf(conn) is not { } ident) return m;
        m = m with { Idents = m.Idents.Remove(conn) };
        return m.IsLive(ident.User) ? m : m with { LastLeftMs = m.LastLeftMs.SetItem(ident.User, now) };
    }
}

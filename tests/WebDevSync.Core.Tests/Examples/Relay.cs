using WebDevSync.Core.Tests.Properties;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>
/// The router driven by hand for example tests (through <see cref="Spec"/>): sockets by number, a clock
/// to advance, and the effects of the last step to look at. Every step is also checked for internal consistency.
/// </summary>
public sealed class Relay(RouterOptions? options = null)
{
    public const long Start = 1_700_000_000_000;

    public RouterState State { get; private set; } = RouterState.Empty(options);

    public long Now { get; private set; } = Start;

    /// <summary>The effects of the most recent step.</summary>
    public ImmutableArray<Effect> Effects { get; private set; } = [];

    /// <summary>The most recent step's input, if any.</summary>
    public Input? LastInput { get; private set; }

    /// <summary>Continues from <paramref name="state"/>, as a relay restarted from its saved table does.</summary>
    public Relay From(RouterState state)
    {
        State = state;
        return this;
    }

    public Relay Step(Input input)
    {
        var t = Router.Step(State, input);
        (State, Effects, LastInput) = (t.State, t.Effects, input);
        if (StateProperties.Inconsistency(State) is { } broken) throw new InvalidOperationException($"after {input}: {broken}");
        return this;
    }

    public Relay Send(long conn, ClientMessage body, string? authUser = null, ForeignIds? foreign = null) =>
        Step(new Input.Message(new ConnId(conn), body, Now, authUser, foreign));

    public Relay Browser(long conn, string user, string clientId, params SessionCursor[] resume) =>
        Send(conn, new ClientMessage.BrowserConnect(clientId, user, [.. resume]));

    public Relay Desktop(long conn, string user, string clientId, params AnnouncedSession[] open) =>
        Send(conn, new ClientMessage.DesktopConnect(clientId, user, [.. open]));

    public Relay Edit(long conn, string sessionId, string code, string textareaId = "code-1", Claims? claims = null) =>
        Send(conn, new ClientMessage.EditRequest(claims ?? Claims.None, sessionId, textareaId, code, "js"));

    public Relay Update(long conn, string sessionId, string code, Claims? claims = null) =>
        Send(conn, new ClientMessage.CodeUpdate(claims ?? Claims.None, sessionId, null, code));

    /// <summary>A live change with the seq it started from (a tab's page change, or an agent's live edit).</summary>
    public Relay Change(long conn, string sessionId, string code, long baseSeq) =>
        Send(conn, new ClientMessage.CodeUpdate(Claims.None, sessionId, null, code, baseSeq));

    public Relay Close(long conn, string sessionId, string? reason = "editor_exited") =>
        Send(conn, new ClientMessage.SessionClosed(Claims.None, sessionId, reason));

    public Relay Ping(long conn) => Send(conn, new ClientMessage.Ping(Claims.None));

    public Relay Garbage(long conn, ErrorCode code) => Step(new Input.Invalid(new ConnId(conn), code, "bad frame", Now));

    public Relay Drop(long conn) => Step(new Input.Disconnected(new ConnId(conn), Now));

    public Relay Tick() => Step(new Input.Tick(Now));

    public Relay Advance(long ms)
    {
        Now += ms;
        return this;
    }

    /// <summary>What the last step sent to socket <paramref name="conn"/>, in order.</summary>
    public IReadOnlyList<ServerMessage> To(long conn) =>
        [.. Effects.OfType<Effect.Send>().Where(s => s.To.Value == conn).Select(s => s.Message)];
}

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>One router step of a run, with the state and the scenario model on both sides of it.</summary>
public sealed record Frame(string Label, Input Input, RouterState Before, Transition Result, ScenarioModel ModelBefore, ScenarioModel ModelAfter)
{
    public RouterState After => Result.State;

    public ImmutableArray<Effect> Effects => Result.Effects;

    public IEnumerable<Effect.Send> Sends => Effects.OfType<Effect.Send>();

    /// <summary>A connect whose client listed what it really has (<see cref="Step.Connect.Recall"/>).</summary>
    public bool Recall { get; init; }

    /// <summary>The sender's socket, when it dropped before hearing what this step sent it (<see cref="Step.Update.Lost"/>).</summary>
    public ConnId? Deaf { get; init; }

    /// <summary>Restarts of the relay just before this frame's input (its <see cref="Before"/> is the restored state).</summary>
    public ImmutableArray<Restart> RestartsBefore { get; init; } = [];

    /// <summary>The socket whose message this is, for client messages and undecodable frames.</summary>
    public ConnId? Sender => Input switch { Input.Message m => m.Conn, Input.Invalid i => i.Conn, _ => null };

    /// <summary>Who a socket was at this step: known before it, or acknowledged during it.</summary>
    public Ident? IdentOf(ConnId conn) => ModelBefore.IdentOf(conn) ?? ModelAfter.IdentOf(conn);
}

public sealed record Trace(Scenario Scenario, ImmutableArray<Frame> Frames)
{
    /// <summary>Every restart of the relay in the run, also one after the last frame.</summary>
    public ImmutableArray<Restart> Restarts { get; init; } = [];
}

/// <summary>
/// Plays a scenario through <see cref="Router.Step"/>, turning steps into inputs the way a transport
/// would: fresh handles after a socket closes, the verified user when auth is on, and a
/// <c>Disconnected</c> right after every <c>Close</c> effect (the transport's reader ending), and a
/// restarted relay (<see cref="Restart.Of"/>) where the scenario says so.
/// </summary>
public static class ScenarioRunner
{
    public static Trace Run(Scenario scenario)
    {
        var state = RouterState.Empty(scenario.Options);
        var model = ScenarioModel.Empty;
        var now = Scenario.StartMs;
        var frames = ImmutableArray.CreateBuilder<Frame>();
        var restarts = ImmutableArray.CreateBuilder<Restart>();
        for (var i = 0; i < scenario.Steps.Length; i++)
        {
            now += scenario.Steps[i].DeltaMs;
            if (scenario.Steps[i] is Step.Restart)
            {
                var restart = Restart.Of(frames.Count, now, state, model);
                restarts.Add(restart);
                (state, model) = (restart.Restored, restart.ModelRestored);
                continue;
            }
            var input = Realize(scenario, scenario.Steps[i], i + 1, model, now);
            var lost = scenario.Steps[i] is Step.Update { Lost: true };
            var frame = Apply($"{i + 1}", input, state, model, frames.Count, scenario.Steps[i] is Step.Connect { Recall: true }, deaf: lost)
                with { RestartsBefore = [.. restarts.Where(r => r.BeforeFrame == frames.Count)] };
            frames.Add(frame);
            (state, model) = (frame.After, frame.ModelAfter);
            var follows = frame.Effects.OfType<Effect.Close>().Select(c => c.Conn).ToList();
            if (lost && input is Input.Message sent) follows.Add(sent.Conn);
            foreach (var conn in follows.Distinct())
            {
                var follow = Apply($"{i + 1}'", new Input.Disconnected(conn, now), state, model, frames.Count);
                frames.Add(follow);
                (state, model) = (follow.After, follow.ModelAfter);
            }
            foreach (var resend in Resends(frame, model, now))
            {
                var again = Apply($"{i + 1}+", resend, state, model, frames.Count);
                frames.Add(again);
                (state, model) = (again.After, again.ModelAfter);
            }
        }
        return new Trace(scenario, frames.ToImmutable()) { Restarts = restarts.ToImmutable() };
    }

    /// <summary>
    /// After a reconnect that listed what it has, the client sends again each change whose answer it
    /// never heard and that what it was sent on return did not settle, with the same baseSeq (README).
    /// </summary>
    static IEnumerable<Input> Resends(Frame connect, ScenarioModel model, long now)
    {
        if (!connect.Recall || connect.Input is not Input.Message m || model.IdentOf(m.Conn) is not { } me) return [];
        return model.Known.SessionsOf(model.KeyOf(me)).Where(p => p.Known.Pending is not null)
            .Select(p => (Input)new Input.Message(m.Conn, new ClientMessage.CodeUpdate(Claims.None, p.Session, null, p.Known.Pending!.Code, p.Known.Pending.BaseSeq), now))
            .ToList();
    }

    static Frame Apply(string label, Input input, RouterState state, ScenarioModel model, int index, bool recall = false, bool deaf = false)
    {
        var result = Router.Step(state, input);
        return new Frame(label, input, state, result, model, model.After(index, input, state, result, recall, deaf))
            { Recall = recall, Deaf = deaf && input is Input.Message m ? m.Conn : null };
    }

    /// <summary>The input a step stands for. Codes and textareas carry the sender's user as a tag.</summary>
    public static Input Realize(Scenario scenario, Step step, int number, ScenarioModel model, long now)
    {
        if (step is Step.Tick) return new Input.Tick(now);
        var slot = step switch
        {
            Step.Connect s => s.Slot, Step.Edit s => s.Slot, Step.Update s => s.Slot, Step.Close s => s.Slot,
            Step.Ping s => s.Slot, Step.Garbage s => s.Slot, Step.Leave s => s.Slot,
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
        var conn = model.Socket(slot);
        var ident = model.IdentOf(conn);
        var tag = ident?.User ?? Pools.Owner(slot);
        string Code(bool oversized, string kind) => oversized ? $"{tag}:{new string('x', Scenario.MaxCodeBytes)}" : $"{tag}:{kind}{number}";
        Input.Message Send(ClientMessage body) => new(conn, body, now, scenario.Auth ? Pools.Owner(slot) : null);
        return step switch
        {
            Step.Connect { Role: Role.Browser, Recall: true } s => Send(new ClientMessage.BrowserConnect(s.ClientId, s.User, Cursors(model, s))),
            Step.Connect { Recall: true } s => Send(new ClientMessage.DesktopConnect(s.ClientId, s.User, Held(model, s))),
            Step.Connect { Role: Role.Browser } s => Send(new ClientMessage.BrowserConnect(s.ClientId, s.User, s.Resume)),
            Step.Connect s => Send(new ClientMessage.DesktopConnect(s.ClientId, s.User,
                [.. s.Announced.Select(a => new AnnouncedSession(a.SessionId, $"{s.User}/{a.Textarea}", "js", a.BrowserClientId))])),
            Step.Edit s => Send(new ClientMessage.EditRequest(ClaimsOf(s.Claim, ident, tag), s.SessionId, $"{tag}/{s.Textarea}", Code(s.Oversized, "e"), "js")),
            Step.Update s => Send(new ClientMessage.CodeUpdate(ClaimsOf(s.Claim, ident, tag), s.SessionId, null, Code(s.Oversized, "u"),
                BaseOf(s.Base, ident is null ? null : model.Known.Of(model.KeyOf(ident), s.SessionId)))),
            Step.Close s => Send(new ClientMessage.SessionClosed(ClaimsOf(s.Claim, ident, tag), s.SessionId, "editor_exited")),
            Step.Ping => Send(new ClientMessage.Ping(Claims.None)),
            Step.Garbage s => new Input.Invalid(conn, s.Code, "undecodable frame", now),
            Step.Leave => new Input.Disconnected(conn, now),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>A tab's real cursors: the newest seq it was told of each session it knows.</summary>
    static System.Collections.Immutable.ImmutableArray<SessionCursor> Cursors(ScenarioModel model, Step.Connect s) =>
        [.. model.Known.SessionsOf(new ClientKey(s.User, s.ClientId)).Select(p => new SessionCursor(p.Session, p.Known.Seen))];

    /// <summary>An agent's real sessions: those it knows, with the tab the scenario bound each to and the newest seq it has.</summary>
    static System.Collections.Immutable.ImmutableArray<AnnouncedSession> Held(ScenarioModel model, Step.Connect s) =>
        [.. model.Known.SessionsOf(new ClientKey(s.User, s.ClientId))
            .Where(p => model.Bindings.GetValueOrDefault(p.Session)?.Owner == s.User)
            .Select(p => new AnnouncedSession(p.Session, $"{s.User}/t1", "js", model.Bindings[p.Session].BrowserClientId, p.Known.Seen))];

    /// <summary>Far beyond any seq the relay gives (seqs of re-announced sessions are times in ms).</summary>
    public const long AheadOfEverything = long.MaxValue / 4;

    static long? BaseOf(Base b, Known? known) => b switch
    {
        Base.None => null,
        Base.Seen => known?.Seen ?? 0,
        Base.Stale => known is null ? 0 : Math.Max(known.LastBase, known.PrevSeen),
        Base.Ahead => AheadOfEverything,
        _ => throw new ArgumentOutOfRangeException(nameof(b)),
    };

    static Claims ClaimsOf(Claim claim, Ident? ident, string tag) => claim switch
    {
        Claim.Own when ident is not null => new Claims(ident.ClientId, ident.User),
        Claim.OtherUser => new Claims(null, Pools.OtherUser(tag)),
        Claim.OtherClient => new Claims("x-forged", null),
        _ => Claims.None,
    };
}

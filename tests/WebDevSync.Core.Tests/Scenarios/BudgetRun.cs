using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>One thing that happens in a run against the byte budgets (<see cref="BudgetRun"/>).</summary>
public abstract record BudgetOp
{
    private BudgetOp() { }

    /// <summary>A tab opens (or reopens) one of its user's sessions with <paramref name="Code"/>.</summary>
    public sealed record Edit(int User, int Session, string Code, long HeldElsewhere) : BudgetOp;

    /// <summary>A tab changes its session's text, building on the newest (<c>baseSeq</c> = the session's seq).</summary>
    public sealed record TabChange(int User, int Session, string Code, long HeldElsewhere) : BudgetOp;

    /// <summary>The agent saves, without <c>baseSeq</c> (applies unconditionally).</summary>
    public sealed record AgentChange(int User, int Session, string Code, long HeldElsewhere) : BudgetOp;

    public sealed record Close(int User, int Session, bool ByAgent) : BudgetOp;

    /// <summary>The user's tab drops (its sessions wait for it, the grace period) or comes back.</summary>
    public sealed record TabLeaves(int User) : BudgetOp;

    public sealed record TabReturns(int User) : BudgetOp;

    public sealed record Tick(long AdvanceMs) : BudgetOp;

    public override string ToString() => this switch
    {
        Edit e => $"u{e.User} tab opens s{e.Session} with {Bytes(e.Code)} B (elsewhere {e.HeldElsewhere})",
        TabChange c => $"u{c.User} tab changes s{c.Session} to {Bytes(c.Code)} B (elsewhere {c.HeldElsewhere})",
        AgentChange c => $"u{c.User} agent saves s{c.Session} as {Bytes(c.Code)} B (elsewhere {c.HeldElsewhere})",
        Close c => $"u{c.User} {(c.ByAgent ? "agent" : "tab")} closes s{c.Session}",
        TabLeaves l => $"u{l.User} tab leaves",
        TabReturns r => $"u{r.User} tab returns",
        Tick t => $"tick after {t.AdvanceMs} ms",
        _ => GetType().Name,
    };

    private static int Bytes(string code) => Encoding.UTF8.GetByteCount(code);
}

/// <summary>
/// Random runs of opens, changes from both sides, closes, tabs leaving and returning and expiries,
/// over three users, with budgets small enough that they are reached often, played through
/// <see cref="Router.Step"/> as a transport would (a returning tab is a new socket).
/// </summary>
public static class BudgetRun
{
    public const int Users = 3;
    public const int SessionsPerUser = 3;

    public static readonly RouterOptions Options = new()
    {
        GracePeriodMs = 300_000,
        SessionMaxAgeMs = 3_600_000,
        IdleTimeoutMs = 0,
        MaxHeldBytesPerUser = 60,
        MaxHeldBytes = 130,
    };

    /// <summary>One step: the input, the state before it and what it gave.</summary>
    public sealed record Played(BudgetOp Op, Input Input, RouterState Before, Transition Result);

    // Pieces of 1, 2, 3 and 4 UTF-8 bytes (the last a surrogate pair), so chars and bytes differ.
    private static readonly Gen<string> Code = Gen.Choose(0, 24)
        .SelectMany(n => Gen.ListOf(Gen.Elements("a", "é", "€", "😀"), n)).Select(string.Concat);

    private static readonly Gen<long> Elsewhere = Gen.Frequency((70, Gen.Constant(0L)), (30, Gen.Choose(0, 100).Select(n => (long)n)));

    private static readonly Gen<int> User = Gen.Choose(0, Users - 1);

    private static readonly Gen<int> Session = Gen.Choose(0, SessionsPerUser - 1);

    private static readonly Gen<BudgetOp> Op = Gen.Frequency(
        (25, from u in User from s in Session from c in Code from e in Elsewhere select (BudgetOp)new BudgetOp.Edit(u, s, c, e)),
        (15, from u in User from s in Session from c in Code from e in Elsewhere select (BudgetOp)new BudgetOp.TabChange(u, s, c, e)),
        (20, from u in User from s in Session from c in Code from e in Elsewhere select (BudgetOp)new BudgetOp.AgentChange(u, s, c, e)),
        // Mostly the agent closes: with the tab away that leaves an ended-while-away report holding the code.
        (12, from u in User from s in Session from a in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false))) select (BudgetOp)new BudgetOp.Close(u, s, a)),
        (10, User.Select(u => (BudgetOp)new BudgetOp.TabLeaves(u))),
        (5, User.Select(u => (BudgetOp)new BudgetOp.TabReturns(u))),
        (8, Gen.Elements(1_000L, Options.GracePeriodMs + 1_000, Options.SessionMaxAgeMs + 1_000).Select(ms => (BudgetOp)new BudgetOp.Tick(ms))));

    public static Arbitrary<ImmutableArray<BudgetOp>> Arbitrary => Arb.From(
        Gen.Choose(1, 60).SelectMany(n => Gen.ListOf(Op, n)).Select(ops => ops.ToImmutableArray()),
        ops => Enumerable.Range(0, ops.Length).Select(ops.RemoveAt));

    public static string UserId(int user) => $"u{user}";

    public static string SessionId(int user, int session) => $"u{user}-s{session}";

    /// <summary>Plays the run: every user first connects a tab and an agent, then the operations follow.</summary>
    public static IReadOnlyList<Played> Play(ImmutableArray<BudgetOp> ops)
    {
        var state = RouterState.Empty(Options);
        var now = Scenario.StartMs;
        var played = new List<Played>();
        var tabs = new ConnId?[Users];
        long next = 1;
        void Step(BudgetOp op, Input input)
        {
            var result = Router.Step(state, input);
            played.Add(new Played(op, input, state, result));
            state = result.State;
        }
        void Connect(int user, BudgetOp op)
        {
            var conn = new ConnId(next++);
            tabs[user] = conn;
            Step(op, new Input.Message(conn, new ClientMessage.BrowserConnect($"tab-{user}", UserId(user), []), now));
        }
        for (var u = 0; u < Users; u++)
        {
            Connect(u, new BudgetOp.TabReturns(u));
            Step(new BudgetOp.TabReturns(u), new Input.Message(new ConnId(1000 + u), new ClientMessage.DesktopConnect($"agent-{u}", UserId(u), []), now));
        }
        foreach (var op in ops)
        {
            ConnId Agent(int user) => new(1000 + user);
            switch (op)
            {
                case BudgetOp.Tick t:
                    now += t.AdvanceMs;
                    Step(op, new Input.Tick(now));
                    break;
                case BudgetOp.TabLeaves l when tabs[l.User] is { } gone:
                    tabs[l.User] = null;
                    Step(op, new Input.Disconnected(gone, now));
                    break;
                case BudgetOp.TabReturns r when tabs[r.User] is null:
                    Connect(r.User, op);
                    break;
                case BudgetOp.Edit e when tabs[e.User] is { } tab:
                    Step(op, new Input.Message(tab, new ClientMessage.EditRequest(Claims.None, SessionId(e.User, e.Session), $"ta-{e.Session}", e.Code, "js"), now)
                        { HeldElsewhere = e.HeldElsewhere });
                    break;
                case BudgetOp.TabChange c when tabs[c.User] is { } tab:
                    var seq = state.Sessions.GetValueOrDefault(SessionId(c.User, c.Session))?.Seq ?? 0;
                    Step(op, new Input.Message(tab, new ClientMessage.CodeUpdate(Claims.None, SessionId(c.User, c.Session), null, c.Code, seq), now)
                        { HeldElsewhere = c.HeldElsewhere });
                    break;
                case BudgetOp.AgentChange c:
                    Step(op, new Input.Message(Agent(c.User), new ClientMessage.CodeUpdate(Claims.None, SessionId(c.User, c.Session), null, c.Code), now)
                        { HeldElsewhere = c.HeldElsewhere });
                    break;
                case BudgetOp.Close c when c.ByAgent || tabs[c.User] is not null:
                    var from = c.ByAgent ? Agent(c.User) : tabs[c.User]!.Value;
                    Step(op, new Input.Message(from, new ClientMessage.SessionClosed(Claims.None, SessionId(c.User, c.Session), "closed"), now));
                    break;
                default:
                    break; // not possible now (a tab that is not there), so nothing happens
            }
        }
        return played;
    }
}

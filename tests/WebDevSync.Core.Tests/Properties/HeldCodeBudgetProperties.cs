using System.Text;
using FsCheck.Fluent;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Core.Tests.Properties;

public static class BudgetRunArbitrary
{
    public static FsCheck.Arbitrary<ImmutableArray<BudgetOp>> Ops() => BudgetRun.Arbitrary;
}

/// <summary>
/// The byte budgets for held code (<see cref="RouterOptions.MaxHeldBytesPerUser"/>, <see cref="RouterOptions.MaxHeldBytes"/>)
/// against a model that counts every held text's UTF-8 bytes itself, after every step of random runs
/// (<see cref="BudgetRun"/>): what the router says it holds is what it holds, it never holds more than
/// the budgets allow, and it refuses a change only when the change would pass a budget.
/// </summary>
public class HeldCodeBudgetProperties
{
    private static readonly RouterOptions O = BudgetRun.Options;

    [Property(Cases.Standard, Arbitrary = [typeof(BudgetRunArbitrary)])]
    public void Held_bytes_are_the_sum_of_what_sessions_and_ended_reports_hold(ImmutableArray<BudgetOp> ops) => Every(ops, p =>
        p.Result.State.HeldBytes == ModelTotal(p.Result.State) ? null : $"HeldBytes {p.Result.State.HeldBytes}, counted {ModelTotal(p.Result.State)}");

    [Property(Cases.Standard, Arbitrary = [typeof(BudgetRunArbitrary)])]
    public void Held_bytes_never_exceed_the_per_user_or_the_relay_budget(ImmutableArray<BudgetOp> ops) => Every(ops, p =>
    {
        var after = p.Result.State;
        if (ModelTotal(after) > O.MaxHeldBytes) return $"the router holds {ModelTotal(after)} bytes, over {O.MaxHeldBytes}";
        var over = after.Users.Keys.FirstOrDefault(u => ModelOfUser(after, u) > O.MaxHeldBytesPerUser);
        if (over is not null) return $"{over} holds {ModelOfUser(after, over)} bytes, over {O.MaxHeldBytesPerUser}";
        // What the others hold counts too, when this step grew what is held.
        var elsewhere = (p.Input as Input.Message)?.HeldElsewhere ?? 0;
        var grew = ModelTotal(after) > ModelTotal(p.Before);
        return grew && ModelTotal(after) + elsewhere > O.MaxHeldBytes ? $"grew to {ModelTotal(after)} with {elsewhere} held elsewhere, over {O.MaxHeldBytes}" : null;
    });

    [Property(Cases.Standard, Arbitrary = [typeof(BudgetRunArbitrary)])]
    public void A_change_is_refused_for_its_size_only_when_it_would_pass_a_budget_and_then_changes_nothing(ImmutableArray<BudgetOp> ops) => Every(ops, p =>
    {
        if (p.Input is not Input.Message { Body: ClientMessage.EditRequest or ClientMessage.CodeUpdate } m) return null;
        var refused = p.Result.Effects.OfType<Effect.Send>().Select(s => s.Message).OfType<ServerMessage.Error>()
            .FirstOrDefault(e => e.Code is ErrorCode.RateLimited or ErrorCode.PayloadTooLarge);
        if (refused is null) return null;
        var (sessionId, code) = m.Body switch
        {
            ClientMessage.EditRequest e => (e.SessionId, e.Code),
            ClientMessage.CodeUpdate u => (u.SessionId, u.Code),
            _ => throw new InvalidOperationException(),
        };
        var before = p.Before;
        var user = before.Connections[m.Conn].UserId;
        var growth = Encoding.UTF8.GetByteCount(code) - Bytes(before.Sessions.GetValueOrDefault(sessionId)?.Code);
        var wouldPass = growth > 0 && (ModelOfUser(before, user) + growth > O.MaxHeldBytesPerUser || ModelTotal(before) + m.HeldElsewhere + growth > O.MaxHeldBytes);
        if (!wouldPass) return $"refused ({refused.Code.Wire()}: {refused.Message}) though growth {growth} passes no budget";
        return ReferenceEquals(p.Result.State.Sessions, before.Sessions) ? null : "a refused change changed the sessions";
    });

    [Fact]
    public void The_runs_reach_the_budgets_often()
    {
        // A fixed seed, so the counts are the same on every run.
        var played = BudgetRun.Arbitrary.Generator.Sample(200, new FsCheck.Rnd(22), 50).SelectMany(BudgetRun.Play).ToList();
        var refusals = played.SelectMany(p => p.Result.Effects.OfType<Effect.Send>()).Select(s => s.Message).OfType<ServerMessage.Error>()
            .Where(e => e.Code is ErrorCode.RateLimited or ErrorCode.PayloadTooLarge).ToList();
        var tooLarge = refusals.Count(e => e.Code == ErrorCode.PayloadTooLarge);
        var userFull = refusals.Count(e => e.Message.StartsWith("Your sessions", StringComparison.Ordinal));
        var relayFull = refusals.Count(e => e.Message.StartsWith("The relay", StringComparison.Ordinal));
        var ended = played.Count(p => p.Result.State.Users.Values.Any(u => u.Ended.Any(e => e.Code is { Length: > 0 })));
        var what = $"too large {tooLarge}, user full {userFull}, relay full {relayFull}, ended holding code {ended}";
        Assert.True(new[] { tooLarge, userFull, relayFull, ended }.All(n => n >= 50), what);
    }

    private static void Every(ImmutableArray<BudgetOp> ops, Func<BudgetRun.Played, string?> check)
    {
        var played = BudgetRun.Play(ops);
        for (var i = 0; i < played.Count; i++)
            if (check(played[i]) is { } violation)
                throw new InvalidOperationException($"{violation}\nat step {i + 1}: {played[i].Op}\nthe run:\n  {string.Join("\n  ", played.Take(i + 1).Select(p => p.Op))}");
    }

    private static long Bytes(string? code) => code is null ? 0 : Encoding.UTF8.GetByteCount(code);

    private static long ModelTotal(RouterState s) =>
        s.Sessions.Values.Sum(x => Bytes(x.Code)) + s.Users.Values.SelectMany(u => u.Ended).Sum(e => Bytes(e.Code));

    private static long ModelOfUser(RouterState s, string user) =>
        s.Sessions.Values.Where(x => x.UserId == user).Sum(x => Bytes(x.Code)) + s.User(user).Ended.Sum(e => Bytes(e.Code));
}

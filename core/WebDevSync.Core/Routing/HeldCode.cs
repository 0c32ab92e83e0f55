using System.Text;

namespace WebDevSync.Core.Routing;

/// <summary>
/// How much code a router holds, in UTF-8 bytes: each session's text and each ended-while-away
/// report's (<see cref="Session.Code"/>, <see cref="EndedSession.Code"/>), the unit of
/// <see cref="RouterOptions.MaxHeldBytesPerUser"/> and <see cref="RouterOptions.MaxHeldBytes"/>.
/// </summary>
public static class HeldCode
{
    public static long BytesOf(string? code) => code is null ? 0 : Encoding.UTF8.GetByteCount(code);

    /// <summary>What one user's sessions and ended-while-away reports hold (a walk of that user's entries only).</summary>
    public static long OfUser(RouterState s, string userId)
    {
        var user = s.User(userId);
        long bytes = 0;
        foreach (var id in user.Sessions)
            if (s.Sessions.TryGetValue(id, out var x)) bytes += x.CodeBytes;
        foreach (var e in user.Ended) bytes += e.CodeBytes;
        return bytes;
    }

    /// <summary>What the whole state holds, counted from scratch.</summary>
    public static long Total(RouterState s) =>
        s.Sessions.Values.Sum(x => x.CodeBytes) + s.Users.Values.Sum(u => u.Ended.Sum(e => e.CodeBytes));

    /// <summary>
    /// <see cref="RouterState.HeldBytes"/> after a step. A message or disconnect changes only its
    /// connection's user (routing never crosses users), so the total moves by that user's difference;
    /// a tick may touch many users and counts again, which also corrects any change made between steps
    /// (a cluster node adopting or forgetting a user) by the next tick.
    /// </summary>
    public static Transition Recount(RouterState before, Transition step, Input input)
    {
        var after = step.State;
        if (ReferenceEquals(before.Sessions, after.Sessions) && ReferenceEquals(before.Users, after.Users)) return step;
        var user = input switch
        {
            Input.Message or Input.Disconnected or Input.Invalid => UserOf(before, after, ConnOf(input)),
            _ => null,
        };
        var held = user is null ? Total(after) : before.HeldBytes + OfUser(after, user) - OfUser(before, user);
        return held == after.HeldBytes ? step : step.With(after with { HeldBytes = held });
    }

    private static ConnId ConnOf(Input input) => input switch
    {
        Input.Message m => m.Conn,
        Input.Disconnected d => d.Conn,
        Input.Invalid i => i.Conn,
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    private static string? UserOf(RouterState before, RouterState after, ConnId conn) =>
        (after.Connections.GetValueOrDefault(conn) ?? before.Connections.GetValueOrDefault(conn))?.UserId;
}

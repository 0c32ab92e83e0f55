using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>
/// The byte budgets for held code (docs/SECURITY.md, "Relay memory and gRPC subscriptions"): a change
/// that would make a user hold more than <see cref="RouterOptions.MaxHeldBytesPerUser"/>, or the relay
/// more than <see cref="RouterOptions.MaxHeldBytes"/>, is refused before anything is kept. A change
/// that does not grow what is held is never refused, so a user at the limit can still shrink and close.
/// </summary>
internal static class CodeBudget
{
    /// <summary>
    /// Why <paramref name="user"/> may not replace <paramref name="oldBytes"/> of held code by
    /// <paramref name="code"/>, or null. <paramref name="heldElsewhere"/> is what the relay's other
    /// routers hold (<see cref="Input.Message.HeldElsewhere"/>); <paramref name="keptBytes"/> what the
    /// session would keep beside the new code (<see cref="Session.Recent"/>).
    /// </summary>
    public static (ErrorCode Code, string Message)? Refusal(RouterState s, string user, long oldBytes, string code, long heldElsewhere, long keptBytes = 0) =>
        Refusal(s, user, oldBytes, HeldCode.BytesOf(code), heldElsewhere, keptBytes);

    /// <inheritdoc cref="Refusal(RouterState, string, long, string, long, long)"/>
    public static (ErrorCode Code, string Message)? Refusal(RouterState s, string user, long oldBytes, long bytes, long heldElsewhere, long keptBytes = 0)
    {
        var o = s.Options;
        var growth = bytes + keptBytes - oldBytes;
        if (growth <= 0) return null;
        // Larger than a user may ever hold: sending it again can never succeed.
        if (bytes > o.MaxHeldBytesPerUser)
            return (ErrorCode.PayloadTooLarge, $"code is larger than the {o.MaxHeldBytesPerUser} bytes (UTF-8) one user's sessions may hold");
        if (HeldCode.OfUser(s, user) + growth > o.MaxHeldBytesPerUser)
            return (ErrorCode.RateLimited, $"Your sessions hold too much code (at most {o.MaxHeldBytesPerUser} bytes, UTF-8); close some sessions");
        if (s.HeldBytes + heldElsewhere + growth > o.MaxHeldBytes)
            return (ErrorCode.RateLimited, "The relay holds as much code as it may; try again later");
        return null;
    }
}

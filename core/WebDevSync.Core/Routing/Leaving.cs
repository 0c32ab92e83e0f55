using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>
/// A tab whose page is being unloaded says so (<c>browser_leaving</c>), so a tab closed for good ends its
/// sessions within <see cref="RouterOptions.LeaveGracePeriodMs"/> rather than the whole grace period,
/// while a reload (the same client id, from the tab's sessionStorage) comes back in time and keeps them.
/// </summary>
internal static class Leaving
{
    /// <summary>Marks the connection; nothing is answered (the page is going away). Only a tab may say it.</summary>
    public static Transition Mark(RouterState s, Connection conn) =>
        conn.Role != Role.Browser
            ? Replies.Fail(s, conn, ErrorCode.Forbidden, "browser_leaving must come from a browser")
            : Transition.Of(s with { Connections = s.Connections.SetItem(conn.Id, conn with { Leaving = true }) });

    /// <summary>Whether an away client has stayed away past its grace period.</summary>
    public static bool IsGone(RouterState s, Client c, long now) => c.Live is null && now - c.AwaySinceMs >= GraceOf(s.Options, c);

    public static long GraceOf(RouterOptions o, Client c) => c.Leaving ? Math.Min(o.LeaveGracePeriodMs, o.GracePeriodMs) : o.GracePeriodMs;
}

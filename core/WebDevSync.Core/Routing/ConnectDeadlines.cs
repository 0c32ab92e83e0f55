namespace WebDevSync.Core.Routing;

/// <summary>
/// A connection that opens and never connects does not hold a slot forever: every transport reports
/// <see cref="Input.Opened"/>, an accepted connect or a disconnect forgets it, and a tick past
/// <see cref="RouterOptions.ConnectTimeoutMs"/> closes it (the seed's handshake timeout, for every transport).
/// </summary>
internal static class ConnectDeadlines
{
    public static Transition Open(RouterState s, ConnId conn, long now) =>
        s.Options.ConnectTimeoutMs <= 0 || s.Connections.ContainsKey(conn)
            ? Transition.Of(s)
            : Transition.Of(s with { Unconnected = s.Unconnected.SetItem(conn, now) });

    /// <summary>The connection connected or went: no deadline any more (the same state when it had none).</summary>
    public static RouterState Forget(RouterState s, ConnId conn) =>
        s.Unconnected.ContainsKey(conn) ? s with { Unconnected = s.Unconnected.Remove(conn) } : s;

    public static Transition CloseOverdue(RouterState s, long now)
    {
        if (s.Unconnected.IsEmpty) return Transition.Of(s);
        var overdue = s.Unconnected.Where(u => now - u.Value >= s.Options.ConnectTimeoutMs).Select(u => u.Key).ToList();
        return overdue.Count == 0 ? Transition.Of(s) : Transition.Of(s with { Unconnected = s.Unconnected.RemoveRange(overdue) })
            .ThenEach(overdue, (st, id) => Transition.Of(st).Emit(new Effect.Close(id, CloseReason.ConnectTimeout)));
    }
}

using System.Collections.Immutable;

namespace WebDevSync.Core.Routing;

/// <summary>
/// What a restart needs of a router's state: every session, and each session that ended while its tab
/// was away (so the tab, back within its grace period after the restart, still gets the last update it
/// missed and the close). Built from the routers' states; <see cref="Restore"/> rebuilds from it.
/// </summary>
public sealed record SavedTable(ImmutableArray<Session> Sessions, ImmutableArray<SavedEnded> Ended)
{
    public static readonly SavedTable Empty = new([], []);

    public bool IsEmpty => Sessions.IsEmpty && Ended.IsEmpty;

    public static SavedTable Of(IEnumerable<RouterState> states)
    {
        var all = states.ToList();
        return new(
            [.. all.SelectMany(s => s.Sessions.Values)],
            [.. all.SelectMany(s => s.Users.SelectMany(u => u.Value.Ended.Select(e => new SavedEnded(u.Key, e))))]);
    }
}

/// <summary>A session that ended while its tab was away, with the user whose tab it was.</summary>
public sealed record SavedEnded(string UserId, EndedSession Session);

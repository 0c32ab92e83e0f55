using System.Collections.Immutable;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Core.Routing;

/// <summary>A live, connected socket. Its role, user and client id are fixed by its connect message.</summary>
public sealed record Connection(ConnId Id, Role Role, string UserId, string ClientId, long ConnectedAtMs, long LastSeenMs)
{
    /// <summary>Whether the client said on connect that it understands <c>code_merged</c> (<see cref="ClientMessage.BrowserConnect.AcceptsMerged"/>).</summary>
    public bool AcceptsMerged { get; init; }

    /// <summary>The tab said its page is being unloaded (<see cref="ClientMessage.BrowserLeaving"/>); its drop then starts the short grace.</summary>
    public bool Leaving { get; init; }

    /// <summary>Whether the client said on connect that it takes changes as edits (<see cref="ClientMessage.BrowserConnect.AcceptsEdits"/>).</summary>
    public bool AcceptsEdits { get; init; }
}

/// <summary>
/// A client instance (the <c>connectionId</c> a client chose), which outlives its sockets:
/// a browser that drops keeps its sessions while <see cref="Live"/> is null, for the grace period.
/// </summary>
public sealed record Client(string Id, string UserId, Role Role, ConnId? Live, long AwaySinceMs)
{
    /// <summary>
    /// Away after saying its page was being unloaded: its sessions end after
    /// <see cref="RouterOptions.LeaveGracePeriodMs"/> instead of the whole grace period. Not part of
    /// the saved table: after a relay restart such a tab has the whole grace period again.
    /// </summary>
    public bool Leaving { get; init; }
}

/// <summary>
/// One edit session: a textarea of one browser client, open in an agent's editor. <see cref="Seq"/>
/// counts updates and only grows; <see cref="DeliveredSeq"/> is the newest the browser was sent.
/// <see cref="Code"/> is null only for a session an agent re-announced whose content is not known yet.
/// </summary>
public sealed record Session(
    string Id, string UserId, string TextareaId, string FileType, string BrowserClientId, string? AgentClientId,
    string? Code, long Seq, long DeliveredSeq, long CreatedAtMs, long UpdatedAtMs)
{
    /// <summary>
    /// The text. Setting it (also through <c>with</c>) counts its UTF-8 bytes once, for the byte budgets
    /// (<see cref="CodeBudget"/>), and keeps it in its smaller form (<see cref="HeldText"/>).
    /// </summary>
    public string? Code
    {
        get => Held.Text;
        init => Held = HeldText.Of(value);
    }

    /// <summary>The text as held. Internal: not part of the saved table.</summary>
    internal HeldText Held { get; init; } = HeldText.Of(Code);

    /// <summary>The texts of the seqs before <see cref="Seq"/> that an overtaken change may be merged from. Internal: not part of the saved table.</summary>
    internal RecentTexts Recent { get; init; }

    /// <summary>
    /// The seq of the page's, or the agents', newest change that was merged (0 if none). Until that side
    /// has seen it (its <c>baseSeq</c> reaches it), its changes build on the text it sent, which the relay
    /// never held: they are overtaken, never accepted over the merged text (which would drop the other
    /// side's edit from it). Internal: not part of the saved table.
    /// </summary>
    internal long BrowserMergedSeq { get; init; }

    /// <inheritdoc cref="BrowserMergedSeq"/>
    internal long AgentMergedSeq { get; init; }

    /// <summary>What the session holds against the byte budgets: its text and the recent ones.</summary>
    internal long CodeBytes => Held.Utf8Bytes + Recent.Bytes;

    /// <summary>The seq of the page's newest accepted change (its code_update, or an edit_request that reopened the session); 0 if none.</summary>
    public long BrowserSeq { get; init; }

    /// <summary>
    /// The seq of the agents' newest accepted change; 0 if none. A change from one side is overtaken when
    /// the other side's newest is newer than both its <c>baseSeq</c> and its own side's newest.
    /// </summary>
    public long AgentSeq { get; init; }

    /// <summary>
    /// The client (tab or agent) whose change the newest text is, if known: a client coming back is
    /// acknowledged for its own change rather than sent it, and another agent's change is sent as new.
    /// </summary>
    public string? LastChangeBy { get; init; }
}

/// <summary>
/// A session that ended while its tab was away: kept so the tab, when it returns within its grace
/// period, still gets the newest content it missed (<see cref="Code"/> when <see cref="Seq"/> is newer
/// than what it has) and then the <c>session_closed</c>. Nothing saved is lost to a brief disconnect.
/// </summary>
public sealed record EndedSession(string SessionId, string BrowserClientId, string TextareaId, string? Code, long Seq, long DeliveredSeq, string Reason)
{
    /// <summary>The newest text, kept for the tab's return; held and counted against the budgets as a session's is.</summary>
    public string? Code
    {
        get => Held.Text;
        init => Held = HeldText.Of(value);
    }

    /// <summary>The text as held; a session that ends hands its own over (<see cref="Sessions.End"/>) rather than copying it.</summary>
    internal HeldText Held { get; init; } = HeldText.Of(Code);

    internal long CodeBytes => Held.Utf8Bytes;

    /// <summary>Whether the newest change was the tab's own, which it is then acknowledged rather than sent back.</summary>
    public bool LastByBrowser { get; init; }
}

/// <summary>
/// Per user: live browser and agent sockets (agents oldest first), session ids, the browser clients
/// that are away (disconnected, within their grace period) and sessions that ended while they were.
/// </summary>
public sealed record UserEntry(
    ImmutableList<ConnId> Browsers, ImmutableList<ConnId> Agents, ImmutableHashSet<string> Sessions, ImmutableHashSet<string> Away,
    ImmutableList<EndedSession> Ended)
{
    public static readonly UserEntry Empty = new([], [], [], [], []);

    public bool IsEmpty => Browsers.IsEmpty && Agents.IsEmpty && Sessions.IsEmpty && Away.IsEmpty && Ended.IsEmpty;
}

/// <summary>The whole routing state. Immutable; <see cref="Router.Step"/> returns a new one.</summary>
public sealed record RouterState(
    RouterOptions Options,
    ImmutableDictionary<ConnId, Connection> Connections,
    ImmutableDictionary<string, Client> Clients,
    ImmutableDictionary<string, UserEntry> Users,
    ImmutableDictionary<string, Session> Sessions)
{
    /// <summary>
    /// The lowest sequence number a new update may get: the restore time in ms after a restart. The
    /// saved table can lag the last updates a tab received, so numbering restarts above them all.
    /// </summary>
    public long SeqFloor { get; init; }

    /// <summary>
    /// Counts changes to the ended-while-away reports (<see cref="UserEntry.Ended"/>), so the saver can
    /// tell the saved table is stale without walking every user.
    /// </summary>
    public long EndedChanges { get; init; }

    /// <summary>Connections opened and not connected yet, with the time each opened (<see cref="Input.Opened"/>).</summary>
    public ImmutableDictionary<ConnId, long> Unconnected { get; init; } = ImmutableDictionary<ConnId, long>.Empty;

    /// <summary>
    /// UTF-8 bytes of code this router holds: every session's and every ended-while-away report's
    /// (<see cref="HeldCode"/> keeps it after each step; a tick counts it again from scratch).
    /// </summary>
    public long HeldBytes { get; init; }

    public static RouterState Empty(RouterOptions? options = null) =>
        new(options ?? RouterOptions.Default,
            ImmutableDictionary<ConnId, Connection>.Empty,
            ImmutableDictionary<string, Client>.Empty.WithComparers(StringComparer.Ordinal),
            ImmutableDictionary<string, UserEntry>.Empty.WithComparers(StringComparer.Ordinal),
            ImmutableDictionary<string, Session>.Empty.WithComparers(StringComparer.Ordinal));

    public UserEntry User(string userId) => Users.GetValueOrDefault(userId, UserEntry.Empty);

    public StatusCounts Counts() => new(
        Connections.Values.Count(c => c.Role == Role.Browser),
        Connections.Values.Count(c => c.Role == Role.Agent),
        Users.Count,
        Sessions.Count);
}

/// <summary>The counts the status endpoint reports, derived from the state.</summary>
public sealed record StatusCounts(int Browsers, int Agents, int Users, int Sessions);

namespace WebDevSync.Core.Routing;

/// <summary>The router's limits and periods, all in milliseconds or counts.</summary>
public sealed record RouterOptions
{
    /// <summary>How long a browser may stay away before its sessions end (default 5 minutes).</summary>
    public long GracePeriodMs { get; init; } = 5 * 60_000;

    /// <summary>
    /// How long a tab that said its page was being unloaded (<c>browser_leaving</c>) may take to come
    /// back, as a reload does, before its sessions end (default 5 s; never longer than <see cref="GracePeriodMs"/>).
    /// </summary>
    public long LeaveGracePeriodMs { get; init; } = 5_000;

    /// <summary>A session with no activity for this long ends (the seed's 24 h <c>maxSessionAge</c>).</summary>
    public long SessionMaxAgeMs { get; init; } = 24 * 3_600_000;

    /// <summary>A connection silent for this long is closed; 0 turns the check off.</summary>
    public long IdleTimeoutMs { get; init; } = 10 * 60_000;

    /// <summary>A connection opened and not connected for this long is closed; 0 turns the check off.</summary>
    public long ConnectTimeoutMs { get; init; } = 10_000;

    /// <summary>
    /// Largest code accepted in one message, in UTF-8 bytes: the unit of the transports' message limit
    /// (<c>maxMessageBytes</c>), so a limit means the same over JSON and gRPC.
    /// </summary>
    public int MaxCodeBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Most sessions one user may hold at once.</summary>
    public int MaxSessionsPerUser { get; init; } = 256;

    /// <summary>Most code, in UTF-8 bytes, one user's sessions and ended-while-away reports may hold (<see cref="CodeBudget"/>).</summary>
    public long MaxHeldBytesPerUser { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most code, in UTF-8 bytes, the relay may hold; this router counts what it holds plus what the
    /// input says the others hold (<see cref="Input.Message.HeldElsewhere"/>). A shell that gives each
    /// of several routers a share sets this to the share and leaves <c>HeldElsewhere</c> at 0.
    /// </summary>
    public long MaxHeldBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// How many earlier texts of a session are kept to merge an overtaken change from (issue 24,
    /// <see cref="Changes"/>); kept only while a side of the session accepts <c>code_merged</c>. 0 turns merging off.
    /// </summary>
    public int MergeWindow { get; init; } = 8;

    public static readonly RouterOptions Default = new();
}

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>Which ids a non-connect message repeats: none, the connection's own, or a forged one.</summary>
public enum Claim { None, Own, OtherUser, OtherClient }

/// <summary>
/// Which <c>baseSeq</c> a code_update carries (live editing), realised from what the sending client has
/// seen: none (an agent's plain save), the newest it saw, an earlier one (it typed before the newest
/// arrived; never below its last base), or a number the relay never gave (a lying client).
/// </summary>
public enum Base { None, Seen, Stale, Ahead }

/// <summary>A session an agent re-announces; the textarea is prefixed with the announcing user when realised.</summary>
public sealed record Announce(string SessionId, string Textarea, string BrowserClientId)
{
    public override string ToString() => $"{SessionId}->{BrowserClientId}";
}

/// <summary>
/// One thing that happens in a scenario, in test vocabulary. A slot is a socket position (the
/// transport's handle); <see cref="ScenarioModel"/> gives each slot a fresh <c>ConnId</c> after it closes.
/// Codes and textarea ids are realised at run time, tagged with the sender's user, so a leak shows.
/// </summary>
public abstract record Step
{
    private Step() { }

    /// <summary>Milliseconds the clock advances before this step.</summary>
    public abstract long DeltaMs { get; init; }

    public abstract Step WithDelta(long deltaMs);

    /// <summary>
    /// With <paramref name="Recall"/> the client lists what it really has, as a real client does after a
    /// drop (a tab its newest seq per session, an agent its open sessions with theirs) in place of
    /// <paramref name="Resume"/> and <paramref name="Announced"/>.
    /// </summary>
    public sealed record Connect(int Slot, Role Role, string User, string ClientId,
        ImmutableArray<SessionCursor> Resume, ImmutableArray<Announce> Announced, long DeltaMs = 0, bool Recall = false) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => Recall
            ? $"slot {Slot}: {(Role == Role.Browser ? "browser" : "desktop")}_connect {User} id={ClientId} listing what it has"
            : Role == Role.Browser
            ? $"slot {Slot}: browser_connect {User} id={ClientId}{List(" resume", Resume.Select(c => $"{c.SessionId}@{c.Seq}"))}"
            : $"slot {Slot}: desktop_connect {User} id={ClientId}{List(" announce", Announced)}";
    }

    public sealed record Edit(int Slot, string SessionId, string Textarea, bool Oversized, Claim Claim, long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => $"slot {Slot}: edit_request {SessionId} ta={Textarea}{Flags(Oversized, Claim)}";
    }

    /// <summary>With <paramref name="Lost"/> the socket drops right after sending: the client never hears the answer.</summary>
    public sealed record Update(int Slot, string SessionId, bool Oversized, Claim Claim, long DeltaMs = 0, Base Base = Base.None, bool Lost = false) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() =>
            $"slot {Slot}: code_update {SessionId}{(Base == Base.None ? "" : $" base={Base}")}{Flags(Oversized, Claim)}{(Lost ? ", then drops before the answer" : "")}";
    }

    public sealed record Close(int Slot, string SessionId, Claim Claim, long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => $"slot {Slot}: session_closed {SessionId}{Flags(false, Claim)}";
    }

    public sealed record Ping(int Slot, long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => $"slot {Slot}: ping";
    }

    /// <summary>A frame the transport could not decode.</summary>
    public sealed record Garbage(int Slot, ErrorCode Code, long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => $"slot {Slot}: undecodable frame ({Code.Wire()})";
    }

    public sealed record Leave(int Slot, long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => $"slot {Slot}: socket drops";
    }

    public sealed record Tick(long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => "tick";
    }

    /// <summary>
    /// The relay restarts: it saves its session table as it does at shutdown, the new process restores
    /// it, and every socket drops (the scenario's clients reconnect with later steps).
    /// </summary>
    public sealed record Restart(long DeltaMs = 0) : Step
    {
        public override Step WithDelta(long d) => this with { DeltaMs = d };
        public override string ToString() => "relay restarts (sessions saved and restored, every socket drops)";
    }

    private static string Flags(bool oversized, Claim claim) =>
        (oversized ? " OVERSIZED" : "") + (claim == Claim.None ? "" : $" claims={claim}");

    private static string List<T>(string name, IEnumerable<T> items) =>
        items.Any() ? $"{name}=[{string.Join(", ", items)}]" : "";
}

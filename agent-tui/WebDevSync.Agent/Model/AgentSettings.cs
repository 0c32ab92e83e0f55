using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Model;

/// <summary>
/// What the reducer needs to know about its surroundings, fixed at start: who and where it is, how
/// editors are started, and its timings. Everything here is plain data so the reducer stays pure.
/// </summary>
public sealed record AgentSettings(
    string ServerUrl,
    string UserId,
    string ConnectionId,
    string EditorTemplate,
    EditorKindSetting EditorKind,
    EditorSurroundings Surroundings,
    string TempDirectory,
    long MaxFileBytes,
    long HeartbeatIntervalMs,
    long PongTimeoutMs)
{
    /// <summary>A GUI editor that returns this quickly without a save handed the file to a running window.</summary>
    public long DetachThresholdMs { get; init; } = 1_500;

    /// <summary>How many log entries the state keeps for the log pane.</summary>
    public int LogCapacity { get; init; } = 200;

    /// <summary>Where the text of sessions whose tab is gone is kept while their editors run (<c>&lt;stateDir&gt;/kept</c>); null keeps none.</summary>
    public string? KeptDirectory { get; init; }

    /// <summary>No screen (<c>--headless</c>): a refusal that retrying cannot fix ends the agent (<see cref="RefusalAdvice.ExitCode"/>) rather than waiting for <c>r</c>.</summary>
    public bool Headless { get; init; }

    /// <summary>Neovim and Vim are kept live both ways (typing reaches the page unsaved); <c>--no-live</c> turns it off.</summary>
    public bool LiveEditing { get; init; } = true;

    /// <summary>Modelines and file-local variables in page text are obeyed (<c>pageModelines</c>); off, page text is only data.</summary>
    public bool PageModelines { get; init; }

    /// <summary>At most this many editors are started for pages in any minute (<c>editorLaunchesPerMinute</c>).</summary>
    public int EditorLaunchesPerMinute { get; init; } = 10;
}

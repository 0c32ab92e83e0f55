using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Configuration;

/// <summary>The agent's settings after every source is merged and checked.</summary>
public sealed record AgentOptions(
    string WebsocketUrl,
    string UserId,
    string PreferredIde,
    EditorKindSetting EditorMode,
    bool UseTmux,
    bool Debug,
    string? Token,
    int TempFileMaxAgeMinutes,
    long MaxFileBytes,
    int HeartbeatSeconds,
    string TempDir,
    string StateDir,
    bool Headless)
{
    /// <summary>nvim and vim kept live both ways (<c>liveEditing</c>, <c>--no-live</c>).</summary>
    public bool LiveEditing { get; init; } = true;

    /// <summary>Where <c>webdevsync-agent ghosttext</c> listens (127.0.0.1 and ::1).</summary>
    public int GhostTextPort { get; init; } = 4001;

    /// <summary>Modelines and file-local variables in page text apply (<c>pageModelines</c>); off by default.</summary>
    public bool PageModelines { get; init; }

    /// <summary>Kept files not changed for this many days are removed at start (<c>keptFileMaxAgeDays</c>).</summary>
    public int KeptFileMaxAgeDays { get; init; } = Defaults.KeptFileMaxAgeDays;

    /// <summary>Most editors started for pages in any minute (<c>editorLaunchesPerMinute</c>).</summary>
    public int EditorLaunchesPerMinute { get; init; } = 10;
}

/// <summary>Where a value came from, for <c>webdevsync-agent config</c>.</summary>
public sealed record SourcedValue(string Key, string Shown, string Source);

/// <summary>A setting that does not fit: the key, what is wrong, and where it was set.</summary>
public sealed record ConfigError(string Key, string Problem, string? Source = null)
{
    public override string ToString() => $"bad configuration: {Key}{(Source is null ? "" : $" (from {Source})")}: {Problem}";
}

/// <summary>The result of loading: the options and, per key, the value shown and its source.</summary>
public sealed record LoadedConfig(AgentOptions Options, IReadOnlyList<SourcedValue> Sources);

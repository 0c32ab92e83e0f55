using System.Collections.Immutable;

namespace WebDevSync.Agent.Configuration;

/// <summary>One configuration key: its name in the JSON file, its environment variable and its switch.</summary>
public sealed record ConfigKey(string Name, string Env, string Switch, string Help, params string[] Aliases);

/// <summary>Every key the agent reads (the seed's four, plus the agent's own).</summary>
public static class ConfigKeys
{
    public static readonly ConfigKey WebsocketUrl = new("websocketUrl", "WEBDEVSYNC_URL", "url", "relay WebSocket URL", "websocket_url");
    public static readonly ConfigKey UserId = new("userId", "WEBDEVSYNC_USER", "user", "user id to connect as", "user_id");
    public static readonly ConfigKey PreferredIde = new("preferredIDE", "WEBDEVSYNC_EDITOR", "editor", "editor command template ({file} = the file)", "preferred_ide", "editor");
    public static readonly ConfigKey EditorMode = new("editorMode", "WEBDEVSYNC_EDITOR_MODE", "editor-mode", "auto | terminal | gui");
    public static readonly ConfigKey UseTmux = new("useTmux", "WEBDEVSYNC_USE_TMUX", "use-tmux", "inside tmux, open terminal editors in a new window");
    public static readonly ConfigKey Debug = new("debug", "WEBDEVSYNC_DEBUG", "debug", "show debug log lines");
    public static readonly ConfigKey Token = new("token", "WEBDEVSYNC_TOKEN", "token", "bearer token for the relay");
    public static readonly ConfigKey TempFileMaxAgeMinutes = new("tempFileMaxAgeMinutes", "WEBDEVSYNC_TEMP_MAX_AGE_MINUTES", "temp-max-age-minutes", "leftover temp files older than this are removed at start");
    public static readonly ConfigKey KeptFileMaxAgeDays = new("keptFileMaxAgeDays", "WEBDEVSYNC_KEPT_MAX_AGE_DAYS", "kept-max-age-days", "kept files (webdevsync-agent list) not changed for this many days are removed at start");
    public static readonly ConfigKey MaxFileBytes = new("maxFileBytes", "WEBDEVSYNC_MAX_FILE_BYTES", "max-file-bytes", "largest file sent or accepted");
    public static readonly ConfigKey HeartbeatSeconds = new("heartbeatSeconds", "WEBDEVSYNC_HEARTBEAT_SECONDS", "heartbeat-seconds", "application ping interval");
    public static readonly ConfigKey TempDir = new("tempDir", "WEBDEVSYNC_TEMP_DIR", "temp-dir", "where the private temp directory is made");
    public static readonly ConfigKey StateDir = new("stateDir", "WEBDEVSYNC_STATE_DIR", "state-dir", "where the state file a restarted agent resumes from is kept");
    public static readonly ConfigKey LiveEditing = new("liveEditing", "WEBDEVSYNC_LIVE", "live", "keep nvim and vim live both ways: typing reaches the page unsaved, page changes reach the buffer");
    public static readonly ConfigKey GhostTextPort = new("ghostTextPort", "WEBDEVSYNC_GHOSTTEXT_PORT", "ghosttext-port", "port of the GhostText bridge on 127.0.0.1 (webdevsync-agent ghosttext; 0 picks one)");
    public static readonly ConfigKey PageModelines = new("pageModelines", "WEBDEVSYNC_PAGE_MODELINES", "page-modelines", "let vim/nvim modelines and Emacs file-local variables in page text apply (off: page text is data)");
    public static readonly ConfigKey EditorLaunchesPerMinute = new("editorLaunchesPerMinute", "WEBDEVSYNC_EDITOR_LAUNCHES_PER_MINUTE", "editor-launches-per-minute", "most editors started for pages in any minute; more requests are refused");
    public static readonly ConfigKey Headless = new("headless", "WEBDEVSYNC_HEADLESS", "headless", "log lines instead of the screen");

    public static readonly ImmutableArray<ConfigKey> All =
        [WebsocketUrl, UserId, PreferredIde, EditorMode, UseTmux, Debug, Token, TempFileMaxAgeMinutes, KeptFileMaxAgeDays, MaxFileBytes, HeartbeatSeconds, TempDir, StateDir, Headless, LiveEditing, GhostTextPort, PageModelines, EditorLaunchesPerMinute];

    /// <summary>The key a JSON property names (exact, any case, or a snake_case alias), or null.</summary>
    public static ConfigKey? FromJson(string property) =>
        All.FirstOrDefault(k => string.Equals(k.Name, property, StringComparison.OrdinalIgnoreCase)
                                || k.Aliases.Contains(property, StringComparer.OrdinalIgnoreCase));
}

using LanguageExt;

namespace WebDevSync.Agent.Configuration;

/// <summary>The built-in values, for keys no source set, each with the reason it was chosen.</summary>
internal static class Defaults
{
    public const string WebsocketUrl = "ws://localhost:8071/web-dev-sync/ws";
    public const int TempFileMaxAgeMinutes = 120;

    /// <summary>Long enough to come back from a holiday to text a closed tab left; short enough that old text does not pile up.</summary>
    public const int KeptFileMaxAgeDays = 30;
    public const long MaxFileBytes = 4 * 1024 * 1024;
    public const int HeartbeatSeconds = 15;

    /// <summary>More than a developer opens by hand in a minute; far fewer than a hostile page asks for.</summary>
    public const int EditorLaunchesPerMinute = 10;

    public static Either<ConfigError, Dictionary<ConfigKey, (string Value, string Source)>> Fill(
        Dictionary<ConfigKey, (string Value, string Source)> raw, ConfigInputs input)
    {
        var env = input.Env;
        void Default(ConfigKey key, string value, string source = "default") => raw.TryAdd(key, (value, source));

        Default(ConfigKeys.WebsocketUrl, WebsocketUrl);
        Default(ConfigKeys.UserId, input.LoginName, "login name");
        if (env.GetValueOrDefault("VISUAL") is { Length: > 0 } visual) Default(ConfigKeys.PreferredIde, visual, "env VISUAL");
        if (env.GetValueOrDefault("EDITOR") is { Length: > 0 } editor) Default(ConfigKeys.PreferredIde, editor, "env EDITOR");
        Default(ConfigKeys.PreferredIde, "vi");
        Default(ConfigKeys.EditorMode, "auto");
        Default(ConfigKeys.UseTmux, "true");
        Default(ConfigKeys.LiveEditing, "true");
        Default(ConfigKeys.GhostTextPort, "4001");
        Default(ConfigKeys.PageModelines, "false");
        Default(ConfigKeys.EditorLaunchesPerMinute, EditorLaunchesPerMinute.ToString());
        Default(ConfigKeys.Debug, "false");
        Default(ConfigKeys.TempFileMaxAgeMinutes, TempFileMaxAgeMinutes.ToString());
        Default(ConfigKeys.KeptFileMaxAgeDays, KeptFileMaxAgeDays.ToString());
        Default(ConfigKeys.MaxFileBytes, MaxFileBytes.ToString());
        Default(ConfigKeys.HeartbeatSeconds, HeartbeatSeconds.ToString());
        if (env.GetValueOrDefault("XDG_RUNTIME_DIR") is { Length: > 0 } runtime) Default(ConfigKeys.TempDir, runtime, "env XDG_RUNTIME_DIR");
        Default(ConfigKeys.TempDir, Path.GetTempPath().TrimEnd('/') is { Length: > 0 } tmp ? tmp : "/tmp", "system temp directory");
        if (env.GetValueOrDefault("XDG_STATE_HOME") is { Length: > 0 } state) Default(ConfigKeys.StateDir, Path.Combine(state, "webdevsync"), "env XDG_STATE_HOME");
        Default(ConfigKeys.StateDir, Path.Combine(input.HomeDirectory, ".local", "state", "webdevsync"), "~/.local/state (XDG default)");
        Default(ConfigKeys.Headless, input.StdoutRedirected ? "true" : "false", input.StdoutRedirected ? "auto (stdout is not a terminal)" : "default");
        return raw;
    }
}

using LanguageExt;
using WebDevSync.Agent.Editors;
using static WebDevSync.Agent.Configuration.ConfigLoader;

namespace WebDevSync.Agent.Configuration;

/// <summary>Turns the merged text values into <see cref="AgentOptions"/>, naming the first key that does not fit.</summary>
internal static class Typed
{
    public static Either<ConfigError, LoadedConfig> Build(Dictionary<ConfigKey, (string Value, string Source)> raw, ConfigInputs input)
    {
        ConfigError? error = null;
        string Text(ConfigKey k) => raw[k].Value;
        T Check<T>(ConfigKey k, T? value, string problem, T fallback, bool echo = true) where T : struct
        {
            if (value is { } v) return v;
            error ??= new ConfigError(k.Name, echo ? $"'{raw[k].Value}' {problem}" : problem, raw[k].Source);
            return fallback;
        }
        void Require(ConfigKey k, bool ok, string problem, bool echo = true)
        {
            if (!ok) error ??= new ConfigError(k.Name, echo ? $"'{raw[k].Value}' {problem}" : problem, raw[k].Source);
        }

        var url = Text(ConfigKeys.WebsocketUrl);
        Require(ConfigKeys.WebsocketUrl, Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "ws" or "wss" or "grpc" or "grpcs" && uri.Host.Length > 0,
            "is not a ws://, wss://, grpc:// or grpcs:// URL");
        var user = Text(ConfigKeys.UserId);
        Require(ConfigKeys.UserId, user.Length is > 0 and <= 128 && !user.Any(char.IsControl), "must be 1 to 128 characters without control characters");
        var editor = Text(ConfigKeys.PreferredIde);
        Require(ConfigKeys.PreferredIde, EditorCommand.Split(editor) is { IsEmpty: false }, "is empty or has an unclosed quote");
        Require(ConfigKeys.PreferredIde, !GhostTextEditor.Names(editor) || GhostTextEditor.Port(editor) is not null, "is not ghosttext or ghosttext:PORT with a port from 1 to 65535");
        var mode = Check(ConfigKeys.EditorMode, Mode(Text(ConfigKeys.EditorMode)), "is not auto, terminal or gui", EditorKindSetting.Auto);
        var useTmux = Check(ConfigKeys.UseTmux, Bool(Text(ConfigKeys.UseTmux)), "is not true or false", true);
        var debug = Check(ConfigKeys.Debug, Bool(Text(ConfigKeys.Debug)), "is not true or false", false);
        var token = raw.TryGetValue(ConfigKeys.Token, out var t) && t.Value.Length > 0 ? t.Value : null;
        if (token is not null) Require(ConfigKeys.Token, !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)), "must not contain spaces or control characters", echo: false);
        var age = Check(ConfigKeys.TempFileMaxAgeMinutes, Number(Text(ConfigKeys.TempFileMaxAgeMinutes), 1, 525_600), "is not a whole number of minutes from 1 to 525600", 120);
        var keptDays = Check(ConfigKeys.KeptFileMaxAgeDays, Number(Text(ConfigKeys.KeptFileMaxAgeDays), 1, 3_650), "is not a whole number of days from 1 to 3650", Defaults.KeptFileMaxAgeDays);
        var max = Check(ConfigKeys.MaxFileBytes, Number(Text(ConfigKeys.MaxFileBytes), 1, 64L * 1024 * 1024), "is not a whole number of bytes from 1 to 67108864", Defaults.MaxFileBytes);
        var beat = Check(ConfigKeys.HeartbeatSeconds, Number(Text(ConfigKeys.HeartbeatSeconds), 1, 3_600), "is not a whole number of seconds from 1 to 3600", 15);
        var tempDir = Text(ConfigKeys.TempDir);
        Require(ConfigKeys.TempDir, tempDir.StartsWith('/'), "must be an absolute path");
        var stateDir = Text(ConfigKeys.StateDir);
        Require(ConfigKeys.StateDir, stateDir.StartsWith('/'), "must be an absolute path");
        var headless = Check(ConfigKeys.Headless, Bool(Text(ConfigKeys.Headless)), "is not true or false", false);
        var live = Check(ConfigKeys.LiveEditing, Bool(Text(ConfigKeys.LiveEditing)), "is not true or false", true);
        var ghostPort = Check(ConfigKeys.GhostTextPort, Number(Text(ConfigKeys.GhostTextPort), 0, 65_535), "is not a port number from 0 to 65535", 4001);
        var modelines = Check(ConfigKeys.PageModelines, Bool(Text(ConfigKeys.PageModelines)), "is not true or false", false);
        var launches = Check(ConfigKeys.EditorLaunchesPerMinute, Number(Text(ConfigKeys.EditorLaunchesPerMinute), 1, 1_000), "is not a whole number from 1 to 1000", Defaults.EditorLaunchesPerMinute);
        if (error is not null) return error;

        var options = new AgentOptions(url, user, editor, mode, useTmux, debug, token, (int)age, max, (int)beat, Trimmed(tempDir), Trimmed(stateDir), headless) { LiveEditing = live, GhostTextPort = (int)ghostPort, PageModelines = modelines, EditorLaunchesPerMinute = (int)launches, KeptFileMaxAgeDays = (int)keptDays };
        var shown = ConfigKeys.All.Select(k => raw.TryGetValue(k, out var v)
                ? new SourcedValue(k.Name, k == ConfigKeys.Token ? "(set, hidden)" : v.Value, v.Source)
                : new SourcedValue(k.Name, "(not set)", "default"))
            .ToList();
        return new LoadedConfig(options, shown);
    }

    private static string Trimmed(string dir) => dir.TrimEnd('/') is { Length: > 0 } d ? d : "/";
}

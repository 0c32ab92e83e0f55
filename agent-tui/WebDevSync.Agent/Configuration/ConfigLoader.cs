using System.Globalization;
using System.Text.Json;
using LanguageExt;
using WebDevSync.Agent.Editors;

namespace WebDevSync.Agent.Configuration;

/// <summary>What the loader reads, passed in so loading is a pure function tests can call.</summary>
public sealed record ConfigInputs(
    CommandLine Args,
    IReadOnlyDictionary<string, string> Env,
    Func<string, string?> ReadFile,
    string HomeDirectory,
    string LoginName,
    bool StdoutRedirected);

/// <summary>
/// Merges, lowest first: defaults &lt; <c>~/.webdevsync/config.json</c> &lt;
/// <c>$XDG_CONFIG_HOME/webdevsync/config.json</c> (or only <c>--config FILE</c> / <c>WEBDEVSYNC_CONFIG</c>)
/// &lt; environment variables &lt; switches. The first value that does not fit is the error.
/// </summary>
public static class ConfigLoader
{
    public static Either<ConfigError, LoadedConfig> Load(ConfigInputs input)
    {
        var raw = new Dictionary<ConfigKey, (string Value, string Source)>();
        foreach (var path in FilesToRead(input))
        {
            var text = input.ReadFile(path.Path);
            if (text is null)
            {
                if (path.Required) return new ConfigError("config", $"file not found: {path.Path}");
                continue;
            }
            if (ReadJson(text, path.Path, raw) is { } bad) return bad;
        }
        foreach (var key in ConfigKeys.All)
        {
            if (input.Env.TryGetValue(key.Env, out var env) && env.Length > 0) raw[key] = (env, $"env {key.Env}");
            if (input.Args.Switches.TryGetValue(key.Switch, out var sw)) raw[key] = (sw, $"switch --{key.Switch}");
        }
        if (input.Args.Switches.TryGetValue("no-tmux", out var noTmux))
            raw[ConfigKeys.UseTmux] = (IsTrue(noTmux) ? "false" : "true", "switch --no-tmux");
        if (input.Args.Switches.TryGetValue("no-live", out var noLive))
            raw[ConfigKeys.LiveEditing] = (IsTrue(noLive) ? "false" : "true", "switch --no-live");
        return Defaults.Fill(raw, input).Bind(filled => Typed.Build(filled, input));
    }

    private static IEnumerable<(string Path, bool Required)> FilesToRead(ConfigInputs input)
    {
        var named = input.Args.Switches.GetValueOrDefault("config") ?? input.Env.GetValueOrDefault("WEBDEVSYNC_CONFIG");
        if (!string.IsNullOrEmpty(named)) return [(named, true)];
        var xdg = input.Env.GetValueOrDefault("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : Path.Combine(input.HomeDirectory, ".config");
        return [(Path.Combine(input.HomeDirectory, ".webdevsync", "config.json"), false), (Path.Combine(xdg, "webdevsync", "config.json"), false)];
    }

    private static ConfigError? ReadJson(string text, string path, Dictionary<ConfigKey, (string, string)> raw)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return new ConfigError("config", "must be a JSON object", path);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (ConfigKeys.FromJson(p.Name) is not { } key) return new ConfigError(p.Name, "unknown key", path);
                var value = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => "\u0000",
                };
                if (value == "\u0000") return new ConfigError(key.Name, "must be a string, number or true/false", path);
                if (value is null) raw.Remove(key);
                else raw[key] = (value, $"file {path}");
            }
            return null;
        }
        catch (JsonException e)
        {
            return new ConfigError("config", $"not valid JSON ({e.Message})", path);
        }
    }

    internal static bool IsTrue(string v) => v.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on";

    internal static bool? Bool(string v) => v.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => null,
    };

    internal static long? Number(string v, long min, long max) =>
        long.TryParse(v.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    internal static EditorKindSetting? Mode(string v) => v.Trim().ToLowerInvariant() switch
    {
        "auto" => EditorKindSetting.Auto,
        "terminal" => EditorKindSetting.Terminal,
        "gui" => EditorKindSetting.Gui,
        _ => null,
    };
}

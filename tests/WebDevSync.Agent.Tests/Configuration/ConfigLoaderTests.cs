using WebDevSync.Agent.Configuration;
using WebDevSync.Json;

namespace WebDevSync.Agent.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Home = "/home/alice";
    private const string SeedFile = "/home/alice/.webdevsync/config.json";
    private const string XdgFile = "/xdg/webdevsync/config.json";

    private static (LoadedConfig? Config, ConfigError? Error) Load(string[] args, Dictionary<string, string>? env = null, Dictionary<string, string>? files = null, bool redirected = false)
    {
        var cl = CommandLineSyntax.Parse(args, TextWriter.Null, TextWriter.Null) is Invocation.Act act ? act.Args : throw new InvalidOperationException(string.Join(" ", args));
        var input = new ConfigInputs(cl, env ?? new() { ["XDG_CONFIG_HOME"] = "/xdg" }, p => files?.GetValueOrDefault(p), Home, "alice-login", redirected);
        return ConfigLoader.Load(input).Fold(c => ((LoadedConfig?)c, (ConfigError?)null), e => (null, e));
    }

    private static string SourceOf(LoadedConfig c, string key) => c.Sources.Single(s => s.Key == key).Source;

    [Fact]
    public void Defaults_are_the_seeds_url_the_login_name_and_vi()
    {
        var (c, _) = Load([]);
        Assert.Equal("ws://localhost:8071/web-dev-sync/ws", c!.Options.WebsocketUrl);
        Assert.Equal("alice-login", c.Options.UserId);
        Assert.Equal("vi", c.Options.PreferredIde);
        Assert.Equal((120, 15, EditorKindSetting.Auto, true, false), (c.Options.TempFileMaxAgeMinutes, c.Options.HeartbeatSeconds, c.Options.EditorMode, c.Options.UseTmux, c.Options.Headless));
        Assert.Equal("login name", SourceOf(c, "userId"));
    }

    [Fact]
    public void Kept_files_live_30_days_by_default_and_the_lifetime_is_a_checked_setting()
    {
        Assert.Equal(30, Load([]).Config!.Options.KeptFileMaxAgeDays);
        Assert.Equal(7, Load(["--kept-max-age-days", "7"]).Config!.Options.KeptFileMaxAgeDays);
        Assert.Equal(90, Load([], new() { ["WEBDEVSYNC_KEPT_MAX_AGE_DAYS"] = "90" }).Config!.Options.KeptFileMaxAgeDays);
        Assert.Equal("keptFileMaxAgeDays", Load(["--kept-max-age-days", "0"]).Error!.Key);
    }

    [Fact]
    public void Visual_beats_editor_for_the_default_editor()
    {
        var (c, _) = Load([], new() { ["VISUAL"] = "code --wait", ["EDITOR"] = "nano" });
        Assert.Equal("code --wait", c!.Options.PreferredIde);
        Assert.Equal("env VISUAL", SourceOf(c, "preferredIDE"));
        Assert.Equal("nano", Load([], new() { ["EDITOR"] = "nano" }).Config!.Options.PreferredIde);
    }

    [Fact]
    public void Switches_beat_environment_beat_xdg_file_beat_seed_file()
    {
        var files = new Dictionary<string, string>
        {
            [SeedFile] = """{ "websocketUrl": "ws://seed/ws", "userId": "seed", "preferredIDE": "vim", "debug": true }""",
            [XdgFile] = """{ "websocketUrl": "ws://xdg/ws", "userId": "xdg" }""",
        };
        var env = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = "/xdg", ["WEBDEVSYNC_URL"] = "ws://env/ws" };
        var (c, _) = Load(["--url", "ws://switch/ws"], env, files);
        Assert.Equal(("ws://switch/ws", "xdg", "vim", true), (c!.Options.WebsocketUrl, c.Options.UserId, c.Options.PreferredIde, c.Options.Debug));
        Assert.Equal("switch --url", SourceOf(c, "websocketUrl"));
        Assert.Equal($"file {XdgFile}", SourceOf(c, "userId"));
        Assert.Equal($"file {SeedFile}", SourceOf(c, "preferredIDE"));
        Assert.Equal("ws://env/ws", Load([], env, files).Config!.Options.WebsocketUrl);
    }

    [Fact]
    public void The_seeds_snake_case_keys_are_understood()
    {
        var (c, _) = Load([], files: new() { [SeedFile] = """{ "websocket_url": "wss://x/ws", "user_id": "bob", "preferred_ide": "code" }""" });
        Assert.Equal(("wss://x/ws", "bob", "code"), (c!.Options.WebsocketUrl, c.Options.UserId, c.Options.PreferredIde));
    }

    [Fact]
    public void Config_switch_reads_only_that_file_and_a_missing_one_is_an_error()
    {
        var (c, _) = Load(["--config", "/etc/agent.json"], files: new() { ["/etc/agent.json"] = """{ "userId": "named" }""", [SeedFile] = """{ "preferredIDE": "nano" }""" });
        Assert.Equal(("named", "vi"), (c!.Options.UserId, c.Options.PreferredIde));
        Assert.Equal("config", Load(["--config", "/nope.json"]).Error!.Key);
    }

    [Theory]
    [InlineData("""{ "websocketUrl": "http://x" }""", "websocketUrl")]
    [InlineData("""{ "heartbeatSeconds": 0 }""", "heartbeatSeconds")]
    [InlineData("""{ "debug": "maybe" }""", "debug")]
    [InlineData("""{ "editorMode": "fancy" }""", "editorMode")]
    [InlineData("""{ "preferredIDE": "vim 'x" }""", "preferredIDE")]
    [InlineData("""{ "tempDir": "relative/dir" }""", "tempDir")]
    [InlineData("""{ "userId": "" }""", "userId")]
    [InlineData("""{ "colour": "blue" }""", "colour")]
    [InlineData("""{ "userId": ["a"] }""", "userId")]
    [InlineData("""not json""", "config")]
    public void A_bad_value_names_its_key_and_where_it_came_from(string json, string key)
    {
        var (_, error) = Load([], files: new() { [SeedFile] = json });
        Assert.Equal(key, error!.Key);
        Assert.Contains(SeedFile, error.ToString());
    }

    [Fact]
    public void A_bad_token_is_refused_without_echoing_it_and_a_good_one_is_shown_hidden()
    {
        var (_, error) = Load(["--token", "has space"]);
        Assert.Equal("token", error!.Key);
        Assert.DoesNotContain("has space", error.ToString());
        var (c, _) = Load(["--token", "abc.def"]);
        Assert.Equal("abc.def", c!.Options.Token);
        Assert.DoesNotContain(c.Sources, s => s.Shown.Contains("abc.def"));
    }

    [Fact]
    public void Headless_is_automatic_when_stdout_is_redirected_and_no_tmux_turns_tmux_off()
    {
        var (c, _) = Load(["--no-tmux"], redirected: true);
        Assert.True(c!.Options.Headless);
        Assert.StartsWith("auto", SourceOf(c, "headless"));
        Assert.False(c.Options.UseTmux);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("launch")]
    [InlineData("--url")]
    public void Unknown_switches_arguments_and_missing_values_are_errors(string arg)
    {
        var error = new StringWriter();
        Assert.Equal(new Invocation.Done(CommandLineSyntax.BadUsage), CommandLineSyntax.Parse([arg], TextWriter.Null, error));
        Assert.Contains(arg, error.ToString());
    }

    [Theory]
    [InlineData("--usr", "--user")]
    [InlineData("--urll=ws://x", "--url")]
    [InlineData("--hedless", "--headless")]
    public void A_misspelt_switch_gets_the_nearest_known_one_suggested(string typed, string suggested)
    {
        var error = new StringWriter();
        Assert.Equal(new Invocation.Done(CommandLineSyntax.BadUsage), CommandLineSyntax.Parse([typed], TextWriter.Null, error));
        Assert.Contains($"did you mean {suggested}?", error.ToString());
    }

    [Fact]
    public void A_switch_far_from_every_known_one_gets_no_suggestion()
    {
        var error = new StringWriter();
        CommandLineSyntax.Parse(["--frobnicate"], TextWriter.Null, error);
        Assert.DoesNotContain("did you mean", error.ToString());
    }
}

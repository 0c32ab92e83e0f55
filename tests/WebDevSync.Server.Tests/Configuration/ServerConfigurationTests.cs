namespace WebDevSync.Server.Tests.Configuration;

/// <summary>
/// ServerConfiguration.Load: defaults &lt; JSON file (--config, WEBDEVSYNC_CONFIG) &lt; environment
/// (PORT, CORS_ORIGINS, DEBUG, SESSION_SECRET, WEBDEVSYNC__key) &lt; switches; bad values name their key.
/// </summary>
public sealed class ServerConfigurationTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef-secret";
    private static readonly Dictionary<string, string> NoEnv = new();
    private readonly TempDirectory _temp = new("wds-config-");

    public void Dispose() => _temp.Dispose();

    private string ConfigFile(string json)
    {
        var path = Path.Combine(_temp.Path, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, json);
        return path;
    }

    private static ServerOptions Loaded(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var result = ServerConfiguration.Load(args, env ?? NoEnv);
        Assert.True(result.IsRight, result.Fold(_ => "", e => e.ToString()));
        return result.Fold(o => o, _ => null!);
    }

    private static ConfigError Failed(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var result = ServerConfiguration.Load(args, env ?? NoEnv);
        Assert.True(result.IsLeft, "expected a configuration error");
        return result.Fold(_ => null!, e => e);
    }

    [Fact]
    public void NoSources_GiveTheSeedsDefaults()
    {
        Assert.False(File.Exists(ServerConfiguration.DefaultFile), $"{ServerConfiguration.DefaultFile} exists on this machine; defaults cannot be checked");
        var o = Loaded([]);
        Assert.Equal(8071, o.Port);
        Assert.Equal("127.0.0.1", o.Host);
        Assert.Equal("/web-dev-sync/ws", o.WebsocketEndpoint);
        Assert.Equal(30_000, o.HeartbeatIntervalMs);
        Assert.Equal(["http://localhost:3000", "https://webapp.example.com"], o.CorsOrigins);
        Assert.Equal(24L * 60 * 60 * 1000, o.SessionMaxAgeMs);
        Assert.Equal(5L * 60 * 1000, o.GracePeriodMs);
        Assert.Equal(5 * 1024 * 1024, o.MaxMessageBytes);
        Assert.False(o.Debug);
        Assert.Null(o.SessionSecret);
    }

    [Fact]
    public void RouterShards_DefaultToOnePerProcessor_AndTheSwitchOverridesIt()
    {
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 64), Loaded([]).RouterShards);
        Assert.Equal(1, Loaded(["--router-shards", "1"]).RouterShards);
    }

    [Fact]
    public void SeedFileKeys_AreRead()
    {
        var file = ConfigFile($$"""
            {
              "port": 9001,
              "websocketEndpoint": "/custom/ws",
              "heartbeatInterval": 15000,
              "cors": { "origin": ["http://a.example", "https://b.example"] },
              "session": { "secret": "{{Secret}}", "cookie": { "maxAge": 3600000 } },
              "debug": true
            }
            """);
        var o = Loaded(["--config", file]);
        Assert.Equal(9001, o.Port);
        Assert.Equal("/custom/ws", o.WebsocketEndpoint);
        Assert.Equal(15_000, o.HeartbeatIntervalMs);
        Assert.Equal(["http://a.example", "https://b.example"], o.CorsOrigins);
        Assert.Equal(Secret, o.SessionSecret);
        Assert.Equal(3_600_000, o.SessionMaxAgeMs);
        Assert.True(o.Debug);
    }

    [Fact]
    public void FileNamedByEnvironment_IsRead()
    {
        var file = ConfigFile("""{ "port": 9002 }""");
        Assert.Equal(9002, Loaded([], new Dictionary<string, string> { ["WEBDEVSYNC_CONFIG"] = file }).Port);
    }

    [Fact]
    public void ConfigSwitch_BeatsTheConfigEnvironmentVariable()
    {
        var fromEnv = ConfigFile("""{ "port": 9003 }""");
        var fromSwitch = ConfigFile("""{ "port": 9004 }""");
        Assert.Equal(9004, Loaded(["--config", fromSwitch], new Dictionary<string, string> { ["WEBDEVSYNC_CONFIG"] = fromEnv }).Port);
    }

    [Fact]
    public void Precedence_DefaultsThenFileThenEnvironmentThenSwitches()
    {
        var file = ConfigFile("""{ "port": 1001, "heartbeatInterval": 11000, "gracePeriod": 1000, "debug": false }""");
        var env = new Dictionary<string, string> { ["PORT"] = "2002", ["WEBDEVSYNC__heartbeatInterval"] = "22000", ["DEBUG"] = "true" };

        var fileOnly = Loaded(["--config", file]);
        Assert.Equal((1001, 11_000, 1000L, false), (fileOnly.Port, fileOnly.HeartbeatIntervalMs, fileOnly.GracePeriodMs, fileOnly.Debug));

        var withEnv = Loaded(["--config", file], env);
        Assert.Equal((2002, 22_000, 1000L, true), (withEnv.Port, withEnv.HeartbeatIntervalMs, withEnv.GracePeriodMs, withEnv.Debug));

        var withSwitches = Loaded(["--config", file, "--port", "3003", "--heartbeat-interval=33000"], env);
        Assert.Equal((3003, 33_000, 1000L, true), (withSwitches.Port, withSwitches.HeartbeatIntervalMs, withSwitches.GracePeriodMs, withSwitches.Debug));
    }

    [Fact]
    public void PrefixedEnvironmentVariable_BeatsThePlainSeedVariable()
    {
        var env = new Dictionary<string, string> { ["PORT"] = "2002", ["WEBDEVSYNC__port"] = "2003" };
        Assert.Equal(2003, Loaded([], env).Port);
    }

    [Fact]
    public void SeedEnvironmentVariables_AreRead()
    {
        var env = new Dictionary<string, string>
        {
            ["PORT"] = "8123",
            ["CORS_ORIGINS"] = "http://one.example, https://two.example",
            ["DEBUG"] = "1",
            ["SESSION_SECRET"] = Secret,
        };
        var o = Loaded([], env);
        Assert.Equal(8123, o.Port);
        Assert.Equal(["http://one.example", "https://two.example"], o.CorsOrigins);
        Assert.True(o.Debug);
        Assert.Equal(Secret, o.SessionSecret);
    }

    [Theory]
    [InlineData("express:*", false)]
    [InlineData("*", false)]
    [InlineData("true", true)]
    public void SeedDebugVariable_IsTrueOnlyForTrue_LikeTheSeed_AndNeverStopsStartup(string value, bool expected)
    {
        // The seed reads `process.env.DEBUG === 'true'`; Node developers often have DEBUG=express:* set.
        Assert.Equal(expected, Loaded([], new Dictionary<string, string> { ["DEBUG"] = value }).Debug);
    }

    [Fact]
    public void CorsOriginsFromEnvironment_ReplaceTheFilesWholeList()
    {
        var file = ConfigFile("""{ "cors": { "origin": ["http://a.example", "http://b.example", "http://c.example"] } }""");
        var o = Loaded(["--config", file], new Dictionary<string, string> { ["CORS_ORIGINS"] = "http://z.example" });
        Assert.Equal(["http://z.example"], o.CorsOrigins);
    }

    [Fact]
    public void NestedKeys_CanBeSetThroughPrefixedEnvironmentVariables()
    {
        var env = new Dictionary<string, string>
        {
            ["WEBDEVSYNC__session__secret"] = Secret,
            ["WEBDEVSYNC__session__cookie__maxAge"] = "7200000",
            ["WEBDEVSYNC__maxMessageBytes"] = "2048",
        };
        var o = Loaded([], env);
        Assert.Equal(Secret, o.SessionSecret);
        Assert.Equal(7_200_000, o.SessionMaxAgeMs);
        Assert.Equal(2048, o.MaxMessageBytes);
    }

    [Fact]
    public void MissingNamedFile_IsAnError_NamingConfig()
    {
        var error = Failed(["--config", _temp.File("nope.conf")]);
        Assert.Equal("config", error.Key);
        Assert.Contains("nope.conf", error.ToString());
    }

    [Fact]
    public void MissingFileNamedByEnvironment_IsAnError()
    {
        Assert.Equal("config", Failed([], new Dictionary<string, string> { ["WEBDEVSYNC_CONFIG"] = _temp.File("gone.conf") }).Key);
    }

    [Theory]
    [InlineData("{ \"port\": ")]
    [InlineData("port = 8071")]
    [InlineData("[1, 2]")]
    public void BadJson_IsAnError_NamingTheFile(string content)
    {
        var file = ConfigFile(content);
        var error = Failed(["--config", file]);
        Assert.Equal("config", error.Key);
        Assert.Contains(file, error.Problem);
    }

    [Theory]
    [InlineData("port", "eighty")]
    [InlineData("port", "70000")]
    [InlineData("port", "-1")]
    [InlineData("heartbeatInterval", "10")]
    [InlineData("websocketEndpoint", "ws")]
    [InlineData("debug", "maybe")]
    [InlineData("maxMessageBytes", "12")]
    [InlineData("debugEndpoint", "sometimes")]
    [InlineData("routerShards", "0")]
    [InlineData("maxHeldBytesPerUser", "100")]
    [InlineData("maxHeldBytes", "lots")]
    [InlineData("host", "not-an-address")]
    public void InvalidSwitchValue_IsAnError_NamingTheKey(string key, string value)
    {
        var error = Failed([$"--{key}={value}"]);
        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.ToString());
    }

    [Fact]
    public void InvalidFileValue_NamesTheKey()
    {
        var file = ConfigFile("""{ "heartbeatInterval": "often" }""");
        Assert.Equal("heartbeatInterval", Failed(["--config", file]).Key);
    }

    [Fact]
    public void InvalidEnvironmentValue_NamesTheKey()
    {
        Assert.Equal("port", Failed([], new Dictionary<string, string> { ["PORT"] = "http" }).Key);
        Assert.Equal("cors:origin", Failed([], new Dictionary<string, string> { ["CORS_ORIGINS"] = "ftp://files.example" }).Key);
    }

    [Fact]
    public void ShortSessionSecret_IsAnError_NamingTheKey()
    {
        Assert.Equal("session:secret", Failed([], new Dictionary<string, string> { ["SESSION_SECRET"] = "webdevsync-secret" }).Key);
    }

    [Fact]
    public void HeldCodeBudgets_AreReadFromTheirSwitches_AndOneUserCannotBeGivenMoreThanTheRelay()
    {
        Assert.Equal((64L << 20, 1L << 30), (Loaded([]).MaxHeldBytesPerUser, Loaded([]).MaxHeldBytes));
        var o = Loaded(["--max-held-bytes-per-user", "16777216", "--max-held-bytes", "33554432"]);
        Assert.Equal((16L << 20, 32L << 20), (o.MaxHeldBytesPerUser, o.MaxHeldBytes));
        Assert.Equal("maxHeldBytesPerUser", Failed(["--max-held-bytes-per-user", "33554432", "--max-held-bytes", "16777216"]).Key);
    }

    [Fact]
    public void LaterSourceFixingABadValue_Wins()
    {
        var file = ConfigFile("""{ "port": "nonsense" }""");
        Assert.Equal(4000, Loaded(["--config", file, "--port", "4000"]).Port);
    }
}

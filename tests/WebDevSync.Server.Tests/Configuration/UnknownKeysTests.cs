namespace WebDevSync.Server.Tests.Configuration;

/// <summary>Unknown switches, file keys and WEBDEVSYNC__ variables are refused, named, with the nearest known key.</summary>
public sealed class UnknownKeysTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnv = new();
    private readonly TempDirectory _temp = new("wds-unknown-");

    public void Dispose() => _temp.Dispose();

    private string ConfigFile(string json)
    {
        var path = _temp.File("relay.conf");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Refused(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var result = ServerConfiguration.Load(args, env ?? NoEnv);
        Assert.True(result.IsLeft, "expected the configuration to be refused");
        return result.Match(Right: _ => "", Left: e => e.ToString());
    }

    private static void Accepted(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var result = ServerConfiguration.Load(args, env ?? NoEnv);
        Assert.True(result.IsRight, result.Match(Right: _ => "", Left: e => e.ToString()));
    }

    [Fact]
    public void MisspeltSwitch_IsRefused_WithTheNearestSwitch()
    {
        Assert.Equal("Invalid configuration: --prot: unknown switch; did you mean --port?", Refused(["--prot", "9000"]));
    }

    [Theory]
    [InlineData("--grpc-prot", "--grpc-port")]
    [InlineData("--debgu", "--debug")]
    [InlineData("--max-mesage-bytes", "--max-message-bytes")]
    [InlineData("--hearbeat-interval=5000", "--heartbeat-interval")]
    [InlineData("--cors-origin", "--cors-origins")] // also the name of the file key cors.origin: the typo wins
    public void MisspeltSwitches_SuggestTheirKey(string typed, string suggested)
    {
        Assert.Contains($"did you mean {suggested}?", Refused([typed]));
    }

    [Fact]
    public void SwitchFarFromEveryKey_IsRefused_PointingToHelp()
    {
        var message = Refused(["--frobnicate"]);
        Assert.Contains("--frobnicate: unknown switch", message);
        Assert.Contains("--help", message);
    }

    [Fact]
    public void SecretAsASwitch_IsRefused_SayingWhereItGoes()
    {
        var message = Refused(["--session-secret", "0123456789abcdef0123456789abcdef"]);
        Assert.Contains("--session-secret: unknown switch; session.secret has no switch", message);
        Assert.Contains("WEBDEVSYNC__session__secret", message);
    }

    [Fact]
    public void StrayWords_AreRefused()
    {
        Assert.Contains("9000: unexpected argument", Refused(["--debug", "--port", "1", "9000"]));
        Assert.Contains("serve: unexpected argument", Refused(["serve"]));
    }

    [Fact]
    public void EveryUnknownKey_IsNamed_InOneMessage()
    {
        var message = Refused(["--prot", "1", "--bogus"], new Dictionary<string, string> { ["WEBDEVSYNC__DEBGU"] = "true" });
        Assert.Contains("--prot", message);
        Assert.Contains("--bogus", message);
        Assert.Contains("WEBDEVSYNC__DEBGU: unknown variable; did you mean WEBDEVSYNC__debug?", message);
        Assert.Equal(3, message.Split('\n').Length);
    }

    [Fact]
    public void MisspeltFileKey_IsRefused_NamingTheFileAndTheNearestKey()
    {
        var file = ConfigFile("""{ "prot": 9000, "session": { "secrte": "x" } }""");
        var message = Refused(["--config", file]);
        Assert.Contains($"prot: unknown key in {file}; did you mean port?", message);
        Assert.Contains("session.secrte: unknown key", message);
        Assert.Contains("did you mean session.secret?", message);
    }

    [Fact]
    public void SeedsWholeDefaultConfig_IsAccepted()
    {
        var file = ConfigFile("""
            {
              "port": 8071, "websocketEndpoint": "/web-dev-sync/ws", "heartbeatInterval": 30000,
              "cors": { "origin": ["http://localhost:3000", "https://webapp.example.com"], "credentials": true },
              "session": { "secret": "0123456789abcdef0123456789abcdef", "cookie": { "maxAge": 86400000, "secure": false },
                           "resave": false, "saveUninitialized": false },
              "debug": false
            }
            """);
        Accepted(["--config", file]);
    }

    [Fact]
    public void KnownKeys_AreAcceptedFromEverySource_InEitherCase()
    {
        var file = ConfigFile("""{ "grpcPort": -1, "metricsEndpoint": "off", "logFormat": "json" }""");
        Accepted(["--config", file, "--port", "0", "--routerShards", "2", "--max-sessions-per-user=10"],
            new Dictionary<string, string> { ["WEBDEVSYNC__GRACEPERIOD"] = "0", ["WEBDEVSYNC__cors__origin__0"] = "http://a.example", ["WEBDEVSYNC_CONFIG"] = file });
    }

    [Fact]
    public void TokenSwitches_AreKnownOnlyToTheTokenCommand()
    {
        Accepted(["token", "--user", "alice", "--ttl", "1d", "--admin"]);
        Assert.Contains("--user: unknown switch", Refused(["--user", "alice"]));
    }

    [Fact]
    public void UnknownKeyIsReported_BeforeABadValue()
    {
        Assert.Contains("--prot", Refused(["--port", "abc", "--prot", "1"]));
    }

    [Fact]
    public void NewOptions_AreStrictlyValidated()
    {
        Assert.Contains("logFormat: 'xml' is not one of auto, simple, json, systemd", Refused(["--log-format", "xml"]));
        Assert.Contains("metricsEndpoint: 'public' is not one of loopback, any, off", Refused(["--metrics-endpoint", "public"]));
    }

    [Theory]
    [InlineData("prot", "port", 1)]
    [InlineData("port", "port", 0)]
    [InlineData("debgu", "debug", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_CountsEditsAndSwaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Nearest.Distance(a, b));
        Assert.Equal(expected, Nearest.Distance(b, a));
    }
}

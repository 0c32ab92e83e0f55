namespace WebDevSync.Server.Tests.Processes;

/// <summary>The real executable refuses unknown configuration from each source: exit code 2, nothing listening.</summary>
public sealed class UnknownConfigurationProcessTests
{
    [Fact]
    public async Task MisspeltPortSwitch_ExitsWithCode2_SuggestingPort()
    {
        await using var server = RelayProcess.Launch(["--prot", "9000"]);
        Assert.Equal(2, await server.ExitCodeAsync());
        Assert.Contains("--prot: unknown switch; did you mean --port?", server.Stderr);
        Assert.DoesNotContain("listening", server.Stdout);
    }

    [Fact]
    public async Task MisspeltFileKey_ExitsWithCode2_NamingItAndTheFile()
    {
        using var temp = new TempDirectory("wds-unknown-");
        var file = temp.File("relay.conf");
        File.WriteAllText(file, """{ "port": 0, "grpcPort": 0, "heartbeatIntervall": 5000 }""");
        await using var server = RelayProcess.Launch(["--config", file]);
        Assert.Equal(2, await server.ExitCodeAsync());
        Assert.Contains($"heartbeatIntervall: unknown key in {file}; did you mean heartbeatInterval?", server.Stderr);
    }

    [Fact]
    public async Task MisspeltPrefixedVariable_ExitsWithCode2_NamingIt()
    {
        await using var server = RelayProcess.Launch(["--port", "0", "--grpc-port", "0"], new Dictionary<string, string> { ["WEBDEVSYNC__GRPCPROT"] = "0" });
        Assert.Equal(2, await server.ExitCodeAsync());
        Assert.Contains("WEBDEVSYNC__GRPCPROT: unknown variable; did you mean WEBDEVSYNC__grpcPort?", server.Stderr);
    }

    [Fact]
    public async Task Help_ListsTheSwitches_AndExits0()
    {
        await using var server = RelayProcess.Launch(["--help"]);
        Assert.Equal(0, await server.ExitCodeAsync());
        Assert.Contains("--port", server.Stdout);
        Assert.Contains("--metrics-endpoint", server.Stdout);
    }

    [Fact]
    public async Task Version_PrintsTheProjectsVersion()
    {
        await using var server = RelayProcess.Launch(["--version"]);
        Assert.Equal(0, await server.ExitCodeAsync());
        Assert.Matches(@"^\d+\.\d+\.\d+\s*$", server.Stdout);
    }
}

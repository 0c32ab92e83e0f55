namespace WebDevSync.Agent.Tests.Integration;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Config_subcommand_prints_every_value_with_its_source_and_hides_the_token()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Sub("home"), ".webdevsync"));
        File.WriteAllText(Path.Combine(dir.Sub("home"), ".webdevsync", "config.json"), """{ "userId": "from-file", "preferredIDE": "nvim", "token": "s3cr3t" }""");
        await using var agent = Agents.Run(dir, "config", "--url", "wss://relay.example/web-dev-sync/ws");

        Assert.Equal(0, await agent.WaitForExitAsync());
        var lines = agent.Lines;
        Assert.Contains(lines, l => l.StartsWith("userId") && l.Contains("from-file") && l.Contains("file ") && l.Contains(".webdevsync/config.json"));
        Assert.Contains(lines, l => l.StartsWith("websocketUrl") && l.Contains("wss://relay.example") && l.Contains("switch --url"));
        Assert.Contains(lines, l => l.StartsWith("token") && l.Contains("(set, hidden)"));
        Assert.DoesNotContain("s3cr3t", agent.Output);
    }

    [Theory]
    [InlineData("--url", "http://wrong", "websocketUrl")]
    [InlineData("--heartbeat-seconds", "zero", "heartbeatSeconds")]
    [InlineData("--editor", "vim 'unclosed", "preferredIDE")]
    [InlineData("--bogus", "x", "--bogus")]
    public async Task Bad_configuration_exits_2_naming_the_key(string name, string value, string key)
    {
        using var dir = new TempDirectory();
        await using var agent = Agents.Run(dir, "--headless", name, value);
        Assert.Equal(2, await agent.WaitForExitAsync());
        Assert.Contains(key, agent.Errors);
    }

    [Fact]
    public async Task A_bad_value_in_the_config_file_exits_2_naming_the_key_and_the_file()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Sub("config"), "webdevsync"));
        File.WriteAllText(Path.Combine(dir.Sub("config"), "webdevsync", "config.json"), """{ "debug": "maybe" }""");
        await using var agent = Agents.Run(dir, "config");
        Assert.Equal(2, await agent.WaitForExitAsync());
        Assert.Contains("debug", agent.Errors);
        Assert.Contains("webdevsync/config.json", agent.Errors);
    }
}

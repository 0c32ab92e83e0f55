namespace WebDevSync.Cluster.Tests.Configuration;

/// <summary>The <c>redis</c> key: from the switch or the environment, a bad value or a misspelt switch refused before anything binds, and nothing changes without it.</summary>
public sealed class RedisKeyTests
{
    [Fact]
    public async Task A_node_configured_through_the_environment_joins_a_node_configured_by_the_switch()
    {
        await using var redis = await RedisServer.StartAsync();
        // Two nodes on one machine: each its own silo port (the default is 11111).
        await using var bySwitch = await RelayProcess.StartAsync(["--redis", redis.Configuration, "--silo-port", FreePort().ToString()]);
        await using var byEnv = await RelayProcess.StartAsync(env: new Dictionary<string, string> { ["WEBDEVSYNC__redis"] = redis.Configuration, ["WEBDEVSYNC__siloPort"] = FreePort().ToString() });
        foreach (var node in new[] { bySwitch, byEnv })
            await node.WaitForStatusAsync(s => s.TryGetProperty("cluster", out var c) && c.GetProperty("nodes").GetInt32() == 2, "both nodes in one cluster");
    }

    [Fact]
    public async Task Without_redis_a_relay_has_no_cluster_and_its_health_is_plain_ok()
    {
        await using var single = await RelayProcess.StartAsync();
        Assert.False((await single.StatusAsync()).TryGetProperty("cluster", out _));
        using var http = new HttpClient { BaseAddress = single.HttpUrl };
        Assert.Equal("ok", await http.GetStringAsync("web-dev-sync/healthz"));
    }

    [Theory]
    [InlineData("--redis", "127.0.0.1:6379,nosuchoption=1", "redis")]
    [InlineData("--redis", ",", "redis")]
    [InlineData("--rediss", "127.0.0.1:6379", "--redis")]
    public async Task A_bad_redis_value_or_a_misspelt_switch_stops_the_start_with_a_message_naming_it(string flag, string value, string named)
    {
        var (exit, stdout, stderr) = await RelayProcess.RunToExitAsync(["--host", "127.0.0.1", "--port", "0", flag, value]);
        Assert.NotEqual(0, exit);
        Assert.Contains(named, stdout + stderr);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

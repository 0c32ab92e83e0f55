namespace WebDevSync.Server.Tests.Processes;

/// <summary>The real executable: start-up refusals exit with code 2 naming the key; SIGTERM shuts down cleanly.</summary>
public sealed class ServerProcessTests
{
    [Theory]
    [InlineData("port", new[] { "--port", "abc" })]
    [InlineData("heartbeatInterval", new[] { "--port", "0", "--heartbeat-interval", "5" })]
    [InlineData("websocketEndpoint", new[] { "--port", "0", "--websocket-endpoint=no-slash" })]
    [InlineData("config", new[] { "--port", "0", "--config", "/nonexistent/web-dev-sync.conf" })]
    public async Task InvalidValue_ExitsWithCode2_AndAMessageNamingTheKey(string key, string[] args)
    {
        await using var server = RelayProcess.Launch(args);
        Assert.Equal(2, await server.ExitCodeAsync());
        Assert.Contains(key, server.Stderr);
        Assert.DoesNotContain("listening", server.Stdout);
    }

    [Fact]
    public async Task AGrpcPortAnotherProcessHolds_ExitsWithCode1_AndSaysWhichSwitchChoosesAnother()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var server = RelayProcess.Launch(["--port", "0", "--grpc-port", taken.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(1, await server.ExitCodeAsync());
        Assert.Contains($"127.0.0.1:{taken}", server.Stderr);
        Assert.Contains("--grpc-port", server.Stderr);
        Assert.DoesNotContain("   at ", server.Output); // one line, no stack trace
    }

    [Fact]
    public async Task AnHttpPortAnotherProcessHolds_ExitsWithCode1_WithOneLineAndNoStackTraceAnywhere()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var server = RelayProcess.Launch(["--port", taken.ToString(System.Globalization.CultureInfo.InvariantCulture), "--grpc-port", "0"]);
        Assert.Equal(1, await server.ExitCodeAsync());
        Assert.Contains($"127.0.0.1:{taken}", server.Stderr);
        Assert.Contains("--port", server.Stderr);
        Assert.DoesNotContain("   at ", server.Output);
        Assert.DoesNotContain("Hosting failed to start", server.Output);
    }

    [Fact]
    public async Task InvalidEnvironmentValue_ExitsWithCode2_NamingTheKey()
    {
        await using var server = RelayProcess.Launch(["--grpc-port", "0"], new Dictionary<string, string> { ["PORT"] = "not-a-port" });
        Assert.Equal(2, await server.ExitCodeAsync());
        Assert.Contains("port", server.Stderr);
    }

    [Fact]
    public async Task Sigterm_ClosesEverySocketWith1001AndAReason_AndExits0()
    {
        await using var server = RelayProcess.Launch(["--port", "0", "--grpc-port", "0"]);
        var url = await server.ListeningAsync();
        await using var browser = await JsonWsClient.ConnectAsync(new Uri($"ws://{url.Authority}/web-dev-sync/ws"));
        await browser.SendAsync(Msg.BrowserConnect("b1", "alice"));
        await browser.ExpectAsync("connection_ack");
        await using var agent = await JsonWsClient.ConnectAsync(new Uri($"ws://{url.Authority}/web-dev-sync/ws"));
        await agent.SendAsync(Msg.DesktopConnect("d1", "alice"));
        await agent.ExpectAsync("connection_ack");

        await server.TerminateAsync();

        foreach (var client in new[] { browser, agent })
        {
            var (status, reason) = await client.ClosedAsync();
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
            Assert.False(string.IsNullOrWhiteSpace(reason));
        }
        Assert.Equal(0, await server.ExitCodeAsync());
    }

    [Fact]
    public async Task ServerStartedWithPort0_PrintsItsUrl_AndServesStatus()
    {
        await using var server = RelayProcess.Launch(["--port", "0", "--grpc-port", "0"]);
        var url = await server.ListeningAsync();
        using var http = new HttpClient { Timeout = Timeouts.Wait };
        Assert.Equal("ok", await http.GetStringAsync(new Uri(url, "healthz")));
        await server.TerminateAsync();
        Assert.Equal(0, await server.ExitCodeAsync());
    }
}

namespace WebDevSync.Security.Tests.Auth;

/// <summary>Auth is on whenever the relay listens beyond loopback; the secret must be strong enough for HS256.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Server_OnAPublicAddressWithoutSecret_RefusesToStartWithExitCode2AndSaysWhy()
    {
        var (code, _, stderr) = await Relays.RunToExitAsync(null, "--host", "0.0.0.0", "--port", "0", "--grpc-port", "-1");
        Assert.Equal(2, code);
        Assert.Contains("session:secret", stderr);
        Assert.Contains("--insecure", stderr);
    }

    [Fact]
    public async Task Server_OnAPublicAddressWithInsecure_StartsOpenAndWarns()
    {
        await using var server = Relays.Launch(null, ["--host", "0.0.0.0", "--port", "0", "--grpc-port", "-1", "--insecure"]);
        Assert.NotNull(await server.ListeningAsync());
        await Poll.UntilAsync(() => server.Output.Contains("WITHOUT authentication"), "the open-mode warning");
    }

    [Fact]
    public async Task Server_OnLoopbackWithoutSecret_RunsOpenAndWarns()
    {
        await using var server = await Relays.StartAsync(null);
        await Poll.UntilAsync(() => server.Output.Contains("WITHOUT authentication"), "the open-mode warning");
        await using var client = await Peers.AgentAsync(server.WsUrl, null, "d-open", "anyone");
    }

    [Fact]
    public async Task Server_WithASecretShorterThan32Chars_RefusesToStart()
    {
        var (code, _, stderr) = await Relays.RunToExitAsync("too-short-secret", "--port", "0", "--grpc-port", "-1");
        Assert.Equal(2, code);
        Assert.Contains("32", stderr);
    }

    [Fact]
    public async Task TokenCommand_MintsATokenTheRelayAccepts_AndRefusesWithoutASecret()
    {
        var (code, stdout, _) = await Relays.RunToExitAsync(Secrets.Secret, "token", "--user", "frank", "--ttl", "30d");
        Assert.Equal(0, code);
        var token = stdout.Trim();
        await using var server = await Relays.StartAsync(Secrets.Secret);
        await using var agent = await Peers.AgentAsync(server.WsUrl, token, "d-frank", "frank");

        var (noSecret, _, stderr) = await Relays.RunToExitAsync(null, "token", "--user", "frank");
        Assert.Equal(2, noSecret);
        Assert.Contains("secret", stderr);
    }

    [Fact]
    public async Task Server_WithAnOutboundQueueTooSmallForAResume_RefusesToStart()
    {
        // 256 sessions per user (default) could never be resumed through a queue of 8: the tab would be cut off each time.
        var (code, _, stderr) = await Relays.RunToExitAsync(null, "--port", "0", "--grpc-port", "-1", "--outbound-queue-limit", "8");
        Assert.Equal(2, code);
        Assert.Contains("outboundQueueLimit", stderr);
    }
}

namespace WebDevSync.Server.Tests.Processes;

/// <summary>The real executable logs every refused handshake with its reason, and never the token that was refused.</summary>
public sealed class RefusalLogProcessTests
{
    private const string Secret = "tests-only-secret-0123456789abcdef0123456789";

    [Fact]
    public async Task A_refused_origin_and_a_refused_token_are_logged_with_their_reasons_and_without_the_token()
    {
        await using var server = RelayProcess.Launch(["--port", "0", "--grpc-port", "0"], new Dictionary<string, string> { ["SESSION_SECRET"] = Secret });
        var url = await server.ListeningAsync();
        using (var raw = await RawHttp.ConnectAsync(url))
        {
            await raw.WriteAsync(ClientFrames.UpgradeHead(url.Authority, extra: "Origin: https://evil.example\r\n"));
            Assert.StartsWith("HTTP/1.1 403 ", (await raw.ReadResponseAsync()).Head);
        }
        await server.WaitForTextAsync("(origin https://evil.example): 403 origin not allowed");

        const string secretLooking = "eyJhbGciOiJIUzI1NiJ9.e30.c2VjcmV0LWxvb2tpbmc";
        using (var raw = await RawHttp.ConnectAsync(url))
        {
            await raw.WriteAsync(ClientFrames.UpgradeHead(url.Authority, extra: $"Authorization: Bearer {secretLooking}\r\n"));
            Assert.StartsWith("HTTP/1.1 401 ", (await raw.ReadResponseAsync()).Head);
        }
        await server.WaitForTextAsync("(origin -): 401 token");
        Assert.DoesNotContain(secretLooking, server.Output);
    }
}

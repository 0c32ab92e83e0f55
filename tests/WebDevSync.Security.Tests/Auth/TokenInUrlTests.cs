namespace WebDevSync.Security.Tests.Auth;

/// <summary>A deployment that must put the token in the URL can allow it explicitly (<c>--allow-token-in-url</c>).</summary>
public sealed class TokenInUrlTests
{
    [Fact]
    public async Task TokenInUrl_IsAccepted_OnlyWhenAllowTokenInUrlIsConfigured()
    {
        await using var server = await Relays.StartAsync(Secrets.Secret, ["--allow-token-in-url"]);
        var user = SecuredServer.NewUser("erin");
        await using var client = await JsonWsClient.ConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token(user), TokenVia.Query));
        await client.SendAsync(Msg.BrowserConnect("b-" + user, user));
        await client.ExpectAsync("connection_ack");

        // Still checked: a URL token must be valid and name the user.
        var (refused, _) = await JsonWsClient.TryConnectAsync(server.WsUrl, new ConnectOptions(Secrets.WrongSecretToken(user), TokenVia.Query));
        Assert.Null(refused);
        await using var other = await JsonWsClient.ConnectAsync(server.WsUrl, new ConnectOptions(Secrets.Token(user), TokenVia.Query));
        await other.SendAsync(Msg.BrowserConnect("b2-" + user, "mallory"));
        await other.ExpectErrorAsync("FORBIDDEN");
    }
}

using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests.GrpcWeb;

/// <summary>A relay that lets one page origin in (<c>corsOrigins</c>), as a site embedding the library configures it.</summary>
public sealed class CorsRelayFixture : RelayFixture
{
    public const string AllowedOrigin = "http://app.example:3000";

    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, CorsOrigins = [AllowedOrigin] };
}

/// <summary>
/// gRPC-Web from another origin goes through ASP.NET Core's CORS middleware with the relay's origin
/// rule: an allowed page gets its preflight answered and may read the call's status headers; a foreign
/// page gets no CORS grant, and its call is refused by the handshake gate too.
/// </summary>
public sealed class GrpcWebCorsTests(CorsRelayFixture relay) : IClassFixture<CorsRelayFixture>
{
    private const string Evil = "http://evil.example";

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_IsGranted()
    {
        using var response = await PreflightAsync(CorsRelayFixture.AllowedOrigin);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(CorsRelayFixture.AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("x-grpc-web", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preflight_FromAForeignOrigin_GetsNoGrant()
    {
        using var response = await PreflightAsync(Evil);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Call_FromAnAllowedOrigin_ExposesTheGrpcStatusHeaders()
    {
        var response = await GrpcWebWire.PostAsync(relay.BaseUrl, "Send", GrpcWebWire.Frame(new V1.ClientMessage { ConnectionId = "nobody", Ping = new V1.Ping() }),
            GrpcWebMode.Binary, ("Origin", CorsRelayFixture.AllowedOrigin));
        Assert.Equal(CorsRelayFixture.AllowedOrigin, response.Headers.GetValueOrDefault("access-control-allow-origin"));
        var exposed = response.Headers.GetValueOrDefault("access-control-expose-headers") ?? "";
        foreach (var name in new[] { "Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin" })
            Assert.Contains(name, exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("5", response.GrpcStatus); // NOT_FOUND: past CORS and the gate, no such subscription
    }

    [Fact]
    public async Task Call_FromAForeignOrigin_IsPermissionDenied_WithoutACorsGrant()
    {
        var response = await GrpcWebWire.PostAsync(relay.BaseUrl, "Send", GrpcWebWire.Frame(new V1.ClientMessage { ConnectionId = "nobody", Ping = new V1.Ping() }),
            GrpcWebMode.Binary, ("Origin", Evil));
        Assert.False(response.Headers.ContainsKey("access-control-allow-origin"));
        Assert.Equal("7", response.GrpcStatus);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, $"{relay.BaseUrl}/webdevsync.v1.WebDevSync/Subscribe");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type,x-grpc-web,authorization");
        return await http.SendAsync(request, Timeouts.Token());
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : null;
}

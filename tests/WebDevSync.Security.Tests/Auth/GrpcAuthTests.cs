using System.Net.Http.Headers;

namespace WebDevSync.Security.Tests.Auth;

/// <summary>
/// The native gRPC port (h2c) checks the same token and origin as the WebSocket handshake. Calls are
/// raw HTTP/2 with prior knowledge (HttpClient), so no gRPC library is needed to attack it.
/// </summary>
public sealed class GrpcAuthTests(SecuredServer fixture) : IClassFixture<SecuredServer>
{
    private const int Unauthenticated = 16, PermissionDenied = 7, NotFound = 5;

    [Fact]
    public async Task GrpcCall_WithoutToken_IsUnauthenticated() =>
        Assert.Equal(Unauthenticated, await CallSendAsync(null, null));

    [Fact]
    public async Task GrpcCall_WithWrongSecretOrExpiredToken_IsUnauthenticated()
    {
        Assert.Equal(Unauthenticated, await CallSendAsync(Secrets.WrongSecretToken("alice"), null));
        Assert.Equal(Unauthenticated, await CallSendAsync(Secrets.ExpiredToken("alice"), null));
    }

    [Fact]
    public async Task GrpcCall_FromAForeignOrigin_IsPermissionDenied() =>
        Assert.Equal(PermissionDenied, await CallSendAsync(Secrets.Token("alice"), "http://evil.example"));

    [Fact]
    public async Task GrpcCall_WithAValidToken_GetsPastAuthentication() =>
        // No subscription with that connection id exists, so the call fails later, for that reason.
        Assert.Equal(NotFound, await CallSendAsync(Secrets.Token("alice"), null));

    /// <summary>Unary <c>Send</c> with an empty message; returns the grpc-status.</summary>
    private async Task<int> CallSendAsync(string? token, string? origin)
    {
        var port = await fixture.Server.GrpcPortAsync();
        using var http = new HttpClient { Timeout = Timeouts.Wait };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/webdevsync.v1.WebDevSync/Send")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
            : response.Headers.TryGetValues("grpc-status", out var h) ? h.First()
            : throw new Xunit.Sdk.XunitException("no grpc-status");
        return int.Parse(status);
    }
}

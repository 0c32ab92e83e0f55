using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests.GrpcWeb;

/// <summary>A relay with authentication on, so every call kind can be refused before it starts.</summary>
public sealed class SecuredRelayFixture : RelayFixture
{
    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, SessionSecret = new string('s', 40) };
}

/// <summary>
/// Every gRPC-Web call that ends with an error answers HTTP 200 with its grpc-status, in both modes
/// (binary <c>application/grpc-web+proto</c> and <c>application/grpc-web-text</c>): in the trailer frame,
/// or in the headers of a Trailers-Only response (PROTOCOL-WEB.md allows both). A browser then sees the
/// code, never a network error. (Before grpc-dotnet, binary mode answered HTTP 500 with an empty body.)
/// </summary>
public sealed class GrpcWebStatusTests(RelayFixture open, SecuredRelayFixture secured) : IClassFixture<RelayFixture>, IClassFixture<SecuredRelayFixture>
{
    private const string Unimplemented = "12", InvalidArgument = "3", NotFound = "5", Unauthenticated = "16", ResourceExhausted = "8";

    public static TheoryData<GrpcWebMode> Modes() => [GrpcWebMode.Binary, GrpcWebMode.Text];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task UnknownMethod_IsUnimplemented(GrpcWebMode mode) =>
        await AssertStatusAsync(open.BaseUrl, "NoSuchMethod", new V1.ClientMessage(), mode, Unimplemented);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Subscribe_WhoseFirstMessageIsNotAConnect_IsInvalidArgument(GrpcWebMode mode) =>
        await AssertStatusAsync(open.BaseUrl, "Subscribe", new V1.ClientMessage { Ping = new V1.Ping() }, mode, InvalidArgument);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Send_ToNoOpenSubscription_IsNotFound(GrpcWebMode mode) =>
        await AssertStatusAsync(open.BaseUrl, "Send", new V1.ClientMessage { ConnectionId = "nobody", Ping = new V1.Ping() }, mode, NotFound);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Connect_WithAnOversizedMessage_IsResourceExhausted(GrpcWebMode mode) =>
        await AssertStatusAsync(open.BaseUrl, "Connect", new V1.ClientMessage
        {
            CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = new string('x', new ServerOptions().MaxMessageBytes + 64 * 1024) },
        }, mode, ResourceExhausted);

    [Theory]
    [InlineData("Connect", GrpcWebMode.Binary)]
    [InlineData("Connect", GrpcWebMode.Text)]
    [InlineData("Subscribe", GrpcWebMode.Binary)]
    [InlineData("Subscribe", GrpcWebMode.Text)]
    [InlineData("Send", GrpcWebMode.Binary)]
    [InlineData("Send", GrpcWebMode.Text)]
    public async Task AnyCall_WithoutATokenWhenAuthIsOn_IsUnauthenticated(string method, GrpcWebMode mode) =>
        await AssertStatusAsync(secured.BaseUrl, method, new V1.ClientMessage { ConnectionId = "c", UserId = "u", BrowserConnect = new V1.BrowserConnect() }, mode, Unauthenticated);

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task AfterAnErrorStatus_TheRelayStillServesGrpcWeb(GrpcWebMode mode)
    {
        await AssertStatusAsync(open.BaseUrl, "NoSuchMethod", new V1.ClientMessage(), mode, Unimplemented);
        await AssertStatusAsync(open.BaseUrl, "Send", new V1.ClientMessage { ConnectionId = "nobody", Ping = new V1.Ping() }, mode, NotFound);
    }

    private static async Task AssertStatusAsync(string baseUrl, string method, V1.ClientMessage message, GrpcWebMode mode, string status)
    {
        var response = await GrpcWebWire.PostAsync(baseUrl, method, GrpcWebWire.Frame(message), mode);
        Assert.Equal(HttpStatusCode.OK, response.HttpStatus);
        var expectedType = mode == GrpcWebMode.Text ? "application/grpc-web-text" : "application/grpc-web";
        Assert.StartsWith(expectedType, response.Headers.GetValueOrDefault("content-type"));
        Assert.Equal(status, response.GrpcStatus);
        Assert.Empty(response.Messages);
    }
}

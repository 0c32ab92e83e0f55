using System.Net.Sockets;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>Binary frames, broken UTF-8, cut-off connections and raw garbage: the server survives and serves others.</summary>
public sealed class MalformedFrameTests
{
    [Fact]
    public async Task BinaryFrame_IsInvalidMessage_AndTheConnectionKeepsRouting()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.Browser.SendRawAsync(Encoding.UTF8.GetBytes("""{"type":"ping"}"""), WebSocketMessageType.Binary);
        var error = await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE");
        Assert.Contains("Binary", error.ErrorMessage());
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task RandomBinaryFrames_FromOneClient_DoNotDisturbAnotherUser()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await using var noisy = await pair.Server.ConnectAsync();
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            var junk = new byte[random.Next(1, 3000)];
            random.NextBytes(junk);
            await noisy.SendRawAsync(junk, WebSocketMessageType.Binary);
            await noisy.ExpectErrorAsync("INVALID_MESSAGE");
        }
        await pair.AssertStillRoutesAsync();
        await noisy.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task TextFrameWithInvalidUtf8_EndsOnlyThatConnection_AndOthersKeepRouting()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await using var bad = await pair.Server.ConnectAsync();
        await bad.SendRawAsync(new byte[] { 0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D }, WebSocketMessageType.Text);
        // RFC 6455 8.1: invalid UTF-8 in a text frame fails the connection (1007), or the frame is refused.
        var frame = await TryNextAsync(bad);
        if (frame is not null) Assert.Equal("error", frame.Type);
        else Assert.Contains((await bad.ClosedAsync()).Status, new WebSocketCloseStatus?[] { WebSocketCloseStatus.InvalidPayloadData, null });
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task ClientAbortingMidMessage_IsRoutedAsADisconnect_AndTheServerKeepsServing()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var cut = await pair.Server.BrowserAsync("alice", "b-cut", expectDesktop: true);
        await cut.SendRawAsync(Encoding.UTF8.GetBytes("""{"type":"edit_request","sessionId":"s""" ), WebSocketMessageType.Text, endOfMessage: false);
        await cut.AbortAsync();
        await pair.Server.WaitForCountsAsync(browsers: 1);
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task RawTcpGarbage_AtTheWebSocketPort_DoesNotStopTheServer()
    {
        await using var pair = await ConnectedPair.StartAsync();
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(pair.Server.BaseUrl.Host, pair.Server.BaseUrl.Port);
            var stream = tcp.GetStream();
            var junk = new byte[4096];
            new Random(7).NextBytes(junk);
            await stream.WriteAsync(junk);
            await stream.FlushAsync();
        }
        await pair.AssertStillRoutesAsync();
        Assert.Equal("ok", await pair.Server.Http.GetStringAsync("web-dev-sync/healthz"));
    }

    [Fact]
    public async Task PlainHttpRequest_ToTheWebSocketEndpoint_Is400()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.Http.GetAsync("web-dev-sync/ws");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ManySmallFragments_ReassembleIntoOneMessage()
    {
        await using var pair = await ConnectedPair.StartAsync();
        var bytes = Encoding.UTF8.GetBytes(Msg.EditRequestAs(pair.BrowserId, "alice", "s-frag", "t", "fragmented ✓ 😀"));
        for (var i = 0; i < bytes.Length; i++)
            await pair.Browser.SendRawAsync(bytes.AsMemory(i, 1), WebSocketMessageType.Text, endOfMessage: i == bytes.Length - 1);
        var request = await pair.Agent.ExpectAsync("edit_request");
        Assert.Equal("fragmented ✓ 😀", request.Payload().Str("code"));
    }

    /// <summary>The next message, or null when the server closed the connection instead.</summary>
    private static async Task<Frame?> TryNextAsync(JsonWsClient client)
    {
        try
        {
            return await client.NextFrameAsync();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

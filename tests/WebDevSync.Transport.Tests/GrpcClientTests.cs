using Microsoft.Extensions.Logging;
using WebDevSync.Grpc;
using WebDevSync.Grpc.Client;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Hosting;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests;

/// <summary>The wire layer's own C# client (what the agent uses for grpc:// URLs) against the relay.</summary>
public sealed class GrpcClientTests(RelayFixture relay) : IClassFixture<RelayFixture>
{
    private const string Connect = "/webdevsync.v1.WebDevSync/Connect";

    [Fact]
    public async Task DuplexCall_AsAnAgent_ReceivesEditsAndItsUpdatesReachTheTab()
    {
        using var http = new HttpMessageInvoker(GrpcClient.CreateHandler());
        var client = new GrpcClient(http, new Uri($"http://{relay.GrpcAddress}"));
        await using var call = await client.DuplexAsync<V1.ClientMessage, V1.ServerMessage>(Connect, V1.ServerMessage.Parser, [], Timeouts.Token());
        await call.WriteAsync(new V1.ClientMessage { ConnectionId = "cs-agent", UserId = "csharp", DesktopConnect = new() });
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await call.ReadNextAsync())!.BodyCase);

        await using var tab = await JsonSocket.ConnectAsync(relay.WebSocketUri);
        await tab.SendAsync(new { type = "browser_connect", connectionId = "cs-tab", userId = "csharp" });
        await tab.NextAsync("desktop_status");
        await tab.SendAsync(new { type = "edit_request", sessionId = "cs-s1", payload = new { textareaId = "t", code = "a", fileType = "cs" } });
        var edit = (await call.ReadNextAsync())!;
        Assert.Equal("a", edit.EditRequest.Code);
        Assert.Equal("cs-tab", edit.EditRequest.BrowserConnectionId);

        await call.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "cs-s1", Code = "b ✓" } });
        Assert.Equal("b ✓", (string?)(await tab.NextAsync("code_update"))["payload"]!["code"]);

        call.Cancel();
    }

    [Fact]
    public async Task DuplexCall_WithoutATokenWhenAuthIsOn_IsRefusedUnauthenticated()
    {
        await using var app = ServerApp.Build(new ServerOptions { Port = 0, GrpcPort = 0, SessionSecret = new string('s', 40) }, l => l.ClearProviders());
        await app.StartAsync();
        using var http = new HttpMessageInvoker(GrpcClient.CreateHandler());
        var client = new GrpcClient(http, new Uri(ServerApp.GrpcUrl(app)!));
        var refused = await Assert.ThrowsAsync<GrpcException>(() => client.DuplexAsync<V1.ClientMessage, V1.ServerMessage>(Connect, V1.ServerMessage.Parser, [], Timeouts.Token()));
        Assert.Equal(GrpcStatusCode.Unauthenticated, refused.Status.Code);
        Assert.Equal("missing token", refused.Status.Detail);
        await app.StopAsync();
    }
}

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
    public async Task DuplexCall_AsALiveAgent_GetsPageChangesWithSeq_AndItsOwnChangesAcked_WhileAWebSocketTabTypesToo()
    {
        using var http = new HttpMessageInvoker(GrpcClient.CreateHandler());
        var client = new GrpcClient(http, new Uri($"http://{relay.GrpcAddress}"));
        await using var call = await client.DuplexAsync<V1.ClientMessage, V1.ServerMessage>(Connect, V1.ServerMessage.Parser, [], Timeouts.Token());
        await call.WriteAsync(new V1.ClientMessage { ConnectionId = "live-agent", UserId = "live", DesktopConnect = new() });
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await call.ReadNextAsync())!.BodyCase);

        await using var tab = await JsonSocket.ConnectAsync(relay.WebSocketUri);
        await tab.SendAsync(new { type = "browser_connect", connectionId = "live-tab", userId = "live" });
        await tab.NextAsync("desktop_status");
        await tab.SendAsync(new { type = "edit_request", sessionId = "live-s1", payload = new { textareaId = "t", code = "a", fileType = "js",
            url = "https://app.example.com/x", title = "X", selection = new { start = 1, end = 1 } } });
        var edit = (await call.ReadNextAsync())!.EditRequest;
        Assert.Equal(("https://app.example.com/x", "X", 1, 1), (edit.Url, edit.Title, edit.Selection.Start, edit.Selection.End));

        await tab.SendAsync(new { type = "code_update", sessionId = "live-s1", payload = new { code = "ab", baseSeq = 0 } });
        var pageChange = (await call.ReadNextAsync())!;
        Assert.Equal(("ab", 1L), (pageChange.CodeUpdate.Code, pageChange.CodeUpdate.Seq));
        Assert.Equal(1L, (long)(await tab.NextAsync("code_ack"))["payload"]!["seq"]!);

        await call.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "live-s1", Code = "abc", BaseSeq = 1 } });
        Assert.Equal(2L, (await call.ReadNextAsync())!.CodeAck.Seq);
        Assert.Equal("abc", (string?)(await tab.NextAsync("code_update"))["payload"]!["code"]);

        // Both at once: the tab's change (based on 2) reaches the relay first; the agent's, also based
        // on 2, is overtaken and answered with the tab's text.
        await tab.SendAsync(new { type = "code_update", sessionId = "live-s1", payload = new { code = "tab's", baseSeq = 2 } });
        await tab.NextAsync("code_ack");
        await call.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "live-s1", Code = "agent's", BaseSeq = 2 } });
        var tabs = (await call.ReadNextAsync())!.CodeUpdate;
        Assert.Equal(("tab's", 3L), (tabs.Code, tabs.Seq));
        var overtaken = (await call.ReadNextAsync())!.CodeOvertaken;
        Assert.Equal(("tab's", 3L), (overtaken.Code, overtaken.Seq));
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

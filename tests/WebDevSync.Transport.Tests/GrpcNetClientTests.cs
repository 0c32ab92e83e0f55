using Grpc.Core;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Hosting;
using WebDevSync.Transport.Tests.GrpcWeb;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests;

/// <summary>Grpc.Net.Client's generated client against the relay: an agent on native gRPC, a tab on gRPC-Web.</summary>
public sealed class GrpcNetClientTests(RelayFixture relay) : IClassFixture<RelayFixture>
{
    [Fact]
    public async Task Connect_AsAnAgent_ReceivesEditsAndItsUpdatesReachTheWebSocketTab()
    {
        var client = GrpcChannels.Native(relay.GrpcAddress, out var channel);
        using var _ = channel;
        using var call = client.Connect(cancellationToken: Timeouts.Token());
        await call.RequestStream.WriteAsync(new V1.ClientMessage { ConnectionId = "cs-agent", UserId = "csharp", DesktopConnect = new() });
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(call.ResponseStream)).BodyCase);

        await using var tab = await JsonWsClient.ConnectAsync(relay.WebSocketUri);
        await tab.SendAsync(Msg.BrowserConnect("cs-tab", "csharp"));
        await tab.WaitForAsync("desktop_status");
        await tab.SendAsync(Msg.EditRequest("cs-s1", "t", "a", "cs"));
        var edit = await NextAsync(call.ResponseStream);
        Assert.Equal("a", edit.EditRequest.Code);
        Assert.Equal("cs-tab", edit.EditRequest.BrowserConnectionId);

        await call.RequestStream.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "cs-s1", Code = "b ✓" } });
        Assert.Equal("b ✓", (await tab.WaitForAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task Connect_AsALiveAgent_GetsPageChangesWithSeq_AndItsOwnChangesAcked_WhileAWebSocketTabTypesToo()
    {
        var client = GrpcChannels.Native(relay.GrpcAddress, out var channel);
        using var _ = channel;
        using var call = client.Connect(cancellationToken: Timeouts.Token());
        await call.RequestStream.WriteAsync(new V1.ClientMessage { ConnectionId = "live-agent", UserId = "live", DesktopConnect = new() });
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(call.ResponseStream)).BodyCase);

        await using var tab = await JsonWsClient.ConnectAsync(relay.WebSocketUri);
        await tab.SendAsync(Msg.BrowserConnect("live-tab", "live"));
        await tab.WaitForAsync("desktop_status");
        await tab.SendAsync(Msg.Of(new { type = "edit_request", sessionId = "live-s1", payload = new { textareaId = "t", code = "a", fileType = "js",
            url = "https://app.example.com/x", title = "X", selection = new { start = 1, end = 1 } } }));
        var edit = (await NextAsync(call.ResponseStream)).EditRequest;
        Assert.Equal(("https://app.example.com/x", "X", 1, 1), (edit.Url, edit.Title, edit.Selection.Start, edit.Selection.End));

        await tab.SendAsync(Msg.Of(new { type = "code_update", sessionId = "live-s1", payload = new { code = "ab", baseSeq = 0 } }));
        var pageChange = await NextAsync(call.ResponseStream);
        Assert.Equal(("ab", 1L), (pageChange.CodeUpdate.Code, pageChange.CodeUpdate.Seq));
        Assert.Equal(1L, (await tab.WaitForAsync("code_ack")).Seq());

        await call.RequestStream.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "live-s1", Code = "abc", BaseSeq = 1 } });
        Assert.Equal(2L, (await NextAsync(call.ResponseStream)).CodeAck.Seq);
        Assert.Equal("abc", (await tab.WaitForAsync("code_update")).Payload().Str("code"));

        // Both at once: the tab's change (based on 2) reaches the relay first; the agent's, also based
        // on 2, is overtaken and answered with the tab's text.
        await tab.SendAsync(Msg.Of(new { type = "code_update", sessionId = "live-s1", payload = new { code = "tab's", baseSeq = 2 } }));
        await tab.WaitForAsync("code_ack");
        await call.RequestStream.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "live-s1", Code = "agent's", BaseSeq = 2 } });
        var tabs = (await NextAsync(call.ResponseStream)).CodeUpdate;
        Assert.Equal(("tab's", 3L), (tabs.Code, tabs.Seq));
        var overtaken = (await NextAsync(call.ResponseStream)).CodeOvertaken;
        Assert.Equal(("tab's", 3L), (overtaken.Code, overtaken.Seq));
    }

    [Theory]
    [InlineData(GrpcWebMode.Binary)]
    [InlineData(GrpcWebMode.Text)]
    public async Task GrpcWebTab_AndNativeGrpcAgent_ExchangeAnEditAndItsUpdate(GrpcWebMode mode)
    {
        var user = $"mixed-{mode}";
        var agent = GrpcChannels.Native(relay.GrpcAddress, out var agentChannel);
        var tab = GrpcChannels.Web(relay.BaseUrl, mode, out var tabChannel);
        using var _ = agentChannel;
        using var __ = tabChannel;
        using var agentCall = agent.Connect(cancellationToken: Timeouts.Token());
        await agentCall.RequestStream.WriteAsync(new V1.ClientMessage { ConnectionId = $"agent-{user}", UserId = user, DesktopConnect = new() });
        await NextAsync(agentCall.ResponseStream); // connection_ack

        using var subscription = tab.Subscribe(new V1.ClientMessage { ConnectionId = $"tab-{user}", UserId = user, BrowserConnect = new() }, cancellationToken: Timeouts.Token());
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, (await NextAsync(subscription.ResponseStream)).BodyCase);
        await tab.SendAsync(new V1.ClientMessage { ConnectionId = $"tab-{user}", EditRequest = new V1.EditRequest { SessionId = $"s-{user}", TextareaId = "t", Code = "x = 1", FileType = "py" } });
        var edit = await NextOfAsync(agentCall.ResponseStream, V1.ServerMessage.BodyOneofCase.EditRequest);
        Assert.Equal("x = 1", edit.EditRequest.Code);

        await agentCall.RequestStream.WriteAsync(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = $"s-{user}", Code = "x = 2 🎉" } });
        Assert.Equal("x = 2 🎉", (await NextOfAsync(subscription.ResponseStream, V1.ServerMessage.BodyOneofCase.CodeUpdate)).CodeUpdate.Code);
    }

    [Fact]
    public async Task Connect_WithoutATokenWhenAuthIsOn_IsRefusedUnauthenticated()
    {
        await using var app = ServerApp.Build(new ServerOptions { Port = 0, GrpcPort = 0, SessionSecret = new string('s', 40) }, l => l.ClearProviders());
        await app.StartAsync();
        var client = GrpcChannels.Native(ServerApp.GrpcUrl(app)!, out var channel);
        using var _ = channel;
        using var call = client.Connect(cancellationToken: Timeouts.Token());
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Timeouts.Token()));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("missing token", refused.Status.Detail);
        await app.StopAsync();
    }

    [Fact]
    public async Task Connect_ReplacedByANewerConnectionOfTheSameClient_EndsWithAborted()
    {
        var client = GrpcChannels.Native(relay.GrpcAddress, out var channel);
        using var _ = channel;
        var hello = new V1.ClientMessage { ConnectionId = "agent-replaced", UserId = "replaced", DesktopConnect = new() };
        using var older = client.Connect(cancellationToken: Timeouts.Token());
        await older.RequestStream.WriteAsync(hello);
        await NextOfAsync(older.ResponseStream, V1.ServerMessage.BodyOneofCase.ConnectionAck);
        using var newer = client.Connect(cancellationToken: Timeouts.Token());
        await newer.RequestStream.WriteAsync(hello);
        await NextOfAsync(newer.ResponseStream, V1.ServerMessage.BodyOneofCase.ConnectionAck);

        var ended = await Assert.ThrowsAsync<RpcException>(async () => { while (await older.ResponseStream.MoveNext(Timeouts.Token())) { } });
        Assert.Equal(StatusCode.Aborted, ended.StatusCode); // the agent takes it as the WebSocket's 4001: don't reconnect
    }

    private static async Task<V1.ServerMessage> NextAsync(IAsyncStreamReader<V1.ServerMessage> stream)
    {
        Assert.True(await stream.MoveNext(Timeouts.Token()), "the stream ended");
        return stream.Current;
    }

    private static async Task<V1.ServerMessage> NextOfAsync(IAsyncStreamReader<V1.ServerMessage> stream, V1.ServerMessage.BodyOneofCase kind)
    {
        while (true)
            if ((await NextAsync(stream)) is { } m && m.BodyCase == kind) return m;
    }
}

namespace WebDevSync.Server.Tests.Integration;

/// <summary>Users never see each other's traffic; each tab of one user gets only its own sessions' updates.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task TwoUsers_WithTheSameSessionAndTextareaNames_NeverSeeEachOthersTraffic()
    {
        await using var server = await TestServer.StartAsync();
        await using var aliceAgent = await server.AgentAsync("alice", "d-alice");
        await using var bobAgent = await server.AgentAsync("bob", "d-bob");
        await using var aliceBrowser = await server.BrowserAsync("alice", "b-alice", expectDesktop: true);
        await using var bobBrowser = await server.BrowserAsync("bob", "b-bob", expectDesktop: true);

        await aliceBrowser.SendAsync(Msg.EditRequestAs("b-alice", "alice", "s-alice", "editor", "alice's code"));
        await bobBrowser.SendAsync(Msg.EditRequestAs("b-bob", "bob", "s-bob", "editor", "bob's code"));
        Assert.Equal("alice's code", (await aliceAgent.ExpectAsync("edit_request")).Payload().Str("code"));
        Assert.Equal("bob's code", (await bobAgent.ExpectAsync("edit_request")).Payload().Str("code"));

        await aliceAgent.SendAsync(Msg.CodeUpdateAs("d-alice", "alice", "s-alice", "editor", "alice saved"));
        await bobAgent.SendAsync(Msg.CodeUpdateAs("d-bob", "bob", "s-bob", "editor", "bob saved"));
        Assert.Equal("alice saved", (await aliceBrowser.ExpectAsync("code_update")).Payload().Str("code"));
        Assert.Equal("bob saved", (await bobBrowser.ExpectAsync("code_update")).Payload().Str("code"));

        foreach (var client in new[] { aliceAgent, bobAgent, aliceBrowser, bobBrowser })
            await client.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task AgentLeaving_IsAnnouncedOnlyToItsOwnUsersBrowsers()
    {
        await using var server = await TestServer.StartAsync();
        var aliceAgent = await server.AgentAsync("alice", "d-alice");
        await using var bobAgent = await server.AgentAsync("bob", "d-bob");
        await using var aliceBrowser = await server.BrowserAsync("alice", "b-alice", expectDesktop: true);
        await using var bobBrowser = await server.BrowserAsync("bob", "b-bob", expectDesktop: true);

        await aliceAgent.DisposeAsync();
        Assert.False((await aliceBrowser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await bobBrowser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ThreeTabsOfOneUser_EachGetOnlyTheirOwnUpdates()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("alice", "d1");
        var tabs = new List<JsonWsClient>();
        try
        {
            for (var i = 0; i < 3; i++) tabs.Add(await server.BrowserAsync("alice", $"tab-{i}", expectDesktop: true));
            for (var i = 0; i < 3; i++)
            {
                await tabs[i].SendAsync(Msg.EditRequestAs($"tab-{i}", "alice", $"s-{i}", "code", $"from tab {i}"));
                var request = await agent.ExpectAsync("edit_request");
                Assert.Equal($"tab-{i}", request.Payload().Str("browserConnectionId"));
            }

            // Saves in an order unlike the tabs', several per session. Updates of one session still
            // waiting in a tab's queue may be coalesced (each carries the whole content), so a tab
            // reads until the newest content of its session arrives.
            var saves = new[] { 2, 0, 1, 2, 1, 0 };
            for (var n = 0; n < saves.Length; n++)
                await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", $"s-{saves[n]}", "code", $"save {n} for tab {saves[n]}"));

            for (var i = 0; i < 3; i++)
            {
                var newest = $"save {Array.LastIndexOf(saves, i)} for tab {i}";
                while (true)
                {
                    var update = await tabs[i].ExpectAsync("code_update");
                    Assert.Equal($"s-{i}", update.Str("sessionId"));
                    Assert.EndsWith($"for tab {i}", update.Payload().Str("code"));
                    if (update.Payload().Str("code") == newest) break;
                }
                await tabs[i].AssertNothingPendingAsync();
            }
        }
        finally
        {
            foreach (var tab in tabs) await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task SessionTakenOverByAnotherTab_SendsLaterUpdatesToTheNewTabOnly()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await server.AgentAsync("alice", "d1");
        await using var tab1 = await server.BrowserAsync("alice", "tab-1", expectDesktop: true);
        await using var tab2 = await server.BrowserAsync("alice", "tab-2", expectDesktop: true);
        await tab1.SendAsync(Msg.EditRequestAs("tab-1", "alice", "shared", "code", "v1"));
        await agent.ExpectAsync("edit_request");
        await tab2.SendAsync(Msg.EditRequestAs("tab-2", "alice", "shared", "code", "v1"));
        Assert.Equal("tab-2", (await agent.ExpectAsync("edit_request")).Payload().Str("browserConnectionId"));

        await agent.SendAsync(Msg.CodeUpdateAs("d1", "alice", "shared", "code", "v2"));
        Assert.Equal("v2", (await tab2.ExpectAsync("code_update")).Payload().Str("code"));
        await tab1.AssertNothingPendingAsync();
    }
}

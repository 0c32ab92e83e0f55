using System.Net.Http.Json;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// A browser that reconnects with the same connectionId takes its sessions back and gets, right after
/// its ack, the newest update of each session it missed (unless its resume cursor says it has it).
/// </summary>
public sealed class ReconnectTests
{
    /// <summary>The session's current seq, from the debug dump (the test cannot otherwise know it).</summary>
    private static async Task<long> SeqOfAsync(TestServer server, string sessionId)
    {
        var debug = await server.Http.GetFromJsonAsync<JsonElement>("web-dev-sync/debug");
        return debug.GetProperty("activeSessions").EnumerateArray().Single(s => s.Str("sessionId") == sessionId).GetProperty("seq").GetInt64();
    }

    /// <summary>alice's tab b-alice opens s1, then goes away; the agent saves while it is gone.</summary>
    private static async Task<ConnectedPair> TabAwayDuringASaveAsync(string missedCode)
    {
        var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s1");
        await pair.Browser.CloseAsync();
        await pair.Server.WaitForCountsAsync(browsers: 0);
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", missedCode));
        await pair.Agent.AssertNothingPendingAsync(); // kept for the tab: no error to the agent
        return pair;
    }

    [Fact]
    public async Task BrowserReconnectingWithItsConnectionId_GetsTheMissedUpdate_RightAfterAckAndStatus()
    {
        await using var pair = await TabAwayDuringASaveAsync("saved while away");
        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserConnect(pair.BrowserId, "alice"));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        var update = await back.ExpectAsync("code_update");
        Assert.Equal("s1", update.Str("sessionId"));
        Assert.Equal("t-s1", update.Payload().Str("textareaId"));
        Assert.Equal("saved while away", update.Payload().Str("code"));
        await back.AssertNothingPendingAsync();

        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", "live again"));
        Assert.Equal("live again", (await back.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task BrowserReconnecting_WithACursorThatAlreadyHasTheUpdate_IsSentNothing()
    {
        await using var pair = await TabAwayDuringASaveAsync("already seen elsewhere");
        var seq = await SeqOfAsync(pair.Server, "s1");
        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserResume(pair.BrowserId, "alice", "s1", seq));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        await back.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task BrowserReconnecting_WithACursorBehindWhatWasDelivered_GetsTheUpdateAgain()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s1");
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", "maybe lost in flight"));
        var delivered = await pair.Browser.ExpectAsync("code_update");
        await pair.Browser.CloseAsync();
        await pair.Server.WaitForCountsAsync(browsers: 0);

        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserResume(pair.BrowserId, "alice", "s1", delivered.Payload().GetProperty("seq").GetInt64() - 1));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        Assert.Equal("maybe lost in flight", (await back.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task BrowserReconnecting_GetsOnlyTheNewestUpdateOfEachMissedSession()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s1");
        await pair.OpenSessionAsync("s2");
        await pair.Browser.CloseAsync();
        await pair.Server.WaitForCountsAsync(browsers: 0);
        foreach (var n in new[] { 1, 2, 3 })
        {
            await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", $"s1 v{n}"));
            await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s2", "t-s2", $"s2 v{n}"));
        }
        await pair.Agent.AssertNothingPendingAsync();

        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserConnect(pair.BrowserId, "alice"));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        var updates = new[] { await back.ExpectAsync("code_update"), await back.ExpectAsync("code_update") };
        Assert.Equal(["s1 v3", "s2 v3"], updates.Select(u => u.Payload().Str("code")).Order());
        await back.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task SaveThenQuitWhileTheTabIsAway_TheTabStillGetsTheFinalContent_ThenTheClose()
    {
        // The usual ":wq" — a save and the editor exiting — during a brief disconnect of the tab.
        await using var pair = await TabAwayDuringASaveAsync("final content");
        await pair.Agent.SendAsync(Msg.SessionClosed("s1", "editor_exited"));
        await pair.Agent.AssertNothingPendingAsync();

        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserResume(pair.BrowserId, "alice", "s1", 0));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        await back.SendAsync("""{"type":"ping"}"""); // if nothing was kept, the pong comes first
        var next = await back.NextFrameAsync();
        Assert.True(next.Type == "code_update", $"the saved content was lost; got {next.Text}");
        Assert.Equal("final content", next.Json.Payload().Str("code"));
        Assert.Equal("s1", (await back.ExpectAsync("session_closed")).Str("sessionId"));
    }

    [Fact]
    public async Task SessionClosedWhileTheTabIsAway_IsReportedWhenItResumesThatSession()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s1");
        await pair.Browser.CloseAsync();
        await pair.Server.WaitForCountsAsync(browsers: 0);
        await pair.Agent.SendAsync(Msg.SessionClosed("s1", "editor_exited"));
        await pair.Agent.AssertNothingPendingAsync();

        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserResume(pair.BrowserId, "alice", "s1", 0));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        await back.SendAsync("""{"type":"ping"}""");
        var next = await back.NextFrameAsync();
        Assert.True(next.Type == "session_closed", $"the tab still believes s1 is open; got {next.Text}");
    }

    [Fact]
    public async Task AnotherTabOfTheSameUser_DoesNotReceiveTheAwayTabsUpdates()
    {
        await using var pair = await TabAwayDuringASaveAsync("for b-alice only");
        await using var other = await pair.Server.BrowserAsync("alice", "b-other", expectDesktop: true);
        await other.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ReconnectWithoutClosingTheOldSocket_ReplacesIt_AndUpdatesGoToTheNewOne()
    {
        await using var pair = await ConnectedPair.StartAsync();
        await pair.OpenSessionAsync("s1");
        await using var fresh = await pair.Server.BrowserAsync("alice", pair.BrowserId, expectDesktop: true);
        Assert.Equal(4001, (int?)(await pair.Browser.ClosedAsync()).Status);
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", "to the new socket"));
        Assert.Equal("to the new socket", (await fresh.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task BrowserAwayPastTheGracePeriod_EndsItsSessions_AndTheAgentIsTold()
    {
        await using var pair = await ConnectedPair.StartAsync(o => o with { GracePeriodMs = 1 });
        await pair.OpenSessionAsync("s1");
        await pair.Browser.CloseAsync();
        var closed = await pair.Agent.ExpectAsync("session_closed");
        Assert.Equal("s1", closed.Str("sessionId"));
        await pair.Server.WaitForStatusAsync(s => s.GetProperty("sessions").GetProperty("active").GetInt32() == 0);
    }
}

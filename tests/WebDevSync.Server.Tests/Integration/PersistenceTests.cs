namespace WebDevSync.Server.Tests.Integration;

/// <summary>With a data directory, the session table outlives a restart (the browser side needs no re-announce).</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"wds-data-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task SessionsSurviveARestart_AndAMissedSaveIsDeliveredAfterIt()
    {
        long seenSeq;
        await using (var pair = await ConnectedPair.StartAsync(o => o with { DataDir = _dataDir }))
        {
            await pair.OpenSessionAsync("s1");
            await pair.Agent.SendAsync(Msg.CodeUpdate(pair.AgentId, "alice", "s1", "t-s1", "v1"));
            seenSeq = (await pair.Browser.ExpectAsync("code_update")).Payload().GetProperty("seq").GetInt64();
            await pair.Browser.CloseAsync();
            await pair.Server.WaitForCountsAsync(browsers: 0);
            await pair.Agent.SendAsync(Msg.CodeUpdate(pair.AgentId, "alice", "s1", "t-s1", "v2 while the tab was away"));
            await pair.Agent.AssertNothingPendingAsync();
        }
        Assert.True(File.Exists(Path.Combine(_dataDir, "sessions.json")));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dataDir, "sessions.json")));

        await using var server = await TestServer.StartAsync(o => o with { DataDir = _dataDir });
        Assert.Equal(1, (await server.StatusAsync()).GetProperty("sessions").GetProperty("active").GetInt32());
        await using var browser = await server.ConnectAsync();
        await browser.SendAsync(Msg.BrowserResume("b-alice", "alice", "s1", seenSeq));
        await browser.ExpectAsync("connection_ack");
        Assert.False((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        Assert.Equal("v2 while the tab was away", (await browser.ExpectAsync("code_update")).Payload().Str("code"));

        await using var agent = await server.AgentAsync("alice", "d-alice");
        Assert.True((await browser.ExpectAsync("desktop_status")).Payload().GetProperty("connected").GetBoolean());
        await agent.SendAsync(Msg.CodeUpdate("d-alice", "alice", "s1", "t-s1", "v3"));
        var update = await browser.ExpectAsync("code_update");
        Assert.Equal("v3", update.Payload().Str("code"));
        Assert.True(update.Payload().GetProperty("seq").GetInt64() > seenSeq);
    }

    [Fact]
    public async Task WhoMadeTheNewestChange_SurvivesARestart_SoATabReturningAfterItIsAcknowledgedNotEchoed()
    {
        await using (var pair = await ConnectedPair.StartAsync(o => o with { DataDir = _dataDir }))
        {
            await pair.OpenSessionAsync("s1");
            await pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", "typed in the page", baseSeq: 0));
            await pair.Agent.ExpectAsync("code_update");
            await pair.Server.WaitForStatusAsync(_ => File.Exists(Path.Combine(_dataDir, "sessions.json"))
                && File.ReadAllText(Path.Combine(_dataDir, "sessions.json")).Contains("typed in the page", StringComparison.Ordinal));
        }

        await using var server = await TestServer.StartAsync(o => o with { DataDir = _dataDir });
        await using var browser = await server.ConnectAsync();
        await browser.SendAsync(Msg.BrowserResume("b-alice", "alice", "s1", 0)); // its ack was lost with the old server
        await browser.ExpectAsync("connection_ack");
        await browser.ExpectAsync("desktop_status");
        Assert.Equal(1L, (await browser.ExpectAsync("code_ack")).Seq());
        await browser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ASaveAndQuitWhileTheTabWasAway_SurvivesARestart_AndTheReturningTabGetsTheSaveThenTheClose()
    {
        await using (var pair = await ConnectedPair.StartAsync(o => o with { DataDir = _dataDir }))
        {
            await pair.OpenSessionAsync("s1");
            await pair.Browser.CloseAsync();
            await pair.Server.WaitForCountsAsync(browsers: 0);
            await pair.Agent.SendAsync(Msg.CodeUpdate(pair.AgentId, "alice", "s1", "t-s1", "saved, then the editor quit"));
            await pair.Agent.SendAsync(Msg.SessionClosed("s1", "editor_exited"));
            await pair.Server.WaitForStatusAsync(s => s.GetProperty("sessions").GetProperty("active").GetInt32() == 0);
        }
        Assert.Contains("saved, then the editor quit", File.ReadAllText(Path.Combine(_dataDir, "sessions.json")), StringComparison.Ordinal);

        await using var server = await TestServer.StartAsync(o => o with { DataDir = _dataDir });
        await using var browser = await server.ConnectAsync();
        await browser.SendAsync(Msg.BrowserResume("b-alice", "alice", "s1", 0));
        await browser.ExpectAsync("connection_ack");
        await browser.ExpectAsync("desktop_status");
        Assert.Equal("saved, then the editor quit", (await browser.ExpectAsync("code_update")).Payload().Str("code"));
        Assert.Equal("editor_exited", (await browser.ExpectAsync("session_closed")).Payload().Str("reason"));
        await browser.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ASessionFileOfTheEarlierFormat_AnArrayOfSessions_IsRestored()
    {
        Directory.CreateDirectory(_dataDir);
        File.WriteAllText(Path.Combine(_dataDir, "sessions.json"), """
            [{"Id":"s1","UserId":"alice","TextareaId":"t1","FileType":"js","BrowserClientId":"b-alice","AgentClientId":"d-alice",
              "Code":"kept","Seq":3,"DeliveredSeq":3,"CreatedAtMs":1,"UpdatedAtMs":1,"BrowserSeq":0,"AgentSeq":3,"LastChangeBy":"d-alice"}]
            """);
        await using var server = await TestServer.StartAsync(o => o with { DataDir = _dataDir });
        Assert.Equal(1, (await server.StatusAsync()).GetProperty("sessions").GetProperty("active").GetInt32());
        await using var browser = await server.ConnectAsync();
        await browser.SendAsync(Msg.BrowserResume("b-alice", "alice", "s1", 0));
        await browser.ExpectAsync("connection_ack");
        await browser.ExpectAsync("desktop_status");
        Assert.Equal("kept", (await browser.ExpectAsync("code_update")).Payload().Str("code"));
    }

    [Fact]
    public async Task CorruptSessionFile_IsSetAside_AndTheServerStartsEmpty()
    {
        Directory.CreateDirectory(_dataDir);
        File.WriteAllText(Path.Combine(_dataDir, "sessions.json"), "{ not json");
        await using var server = await TestServer.StartAsync(o => o with { DataDir = _dataDir });
        Assert.Equal(0, (await server.StatusAsync()).GetProperty("sessions").GetProperty("active").GetInt32());
        Assert.True(File.Exists(Path.Combine(_dataDir, "sessions.json.corrupt")));
    }
}

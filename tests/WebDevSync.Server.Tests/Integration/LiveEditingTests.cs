namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// Two-way live editing through the real relay (README "Live editing"): alice's tab b-alice and agent
/// d-alice over WebSockets, session s1 opened at seq 0 with textarea t-s1.
/// </summary>
public sealed class LiveEditingTests
{
    private static async Task<ConnectedPair> OpenAsync(Func<WebDevSync.Server.Configuration.ServerOptions, WebDevSync.Server.Configuration.ServerOptions>? configure = null)
    {
        var pair = await ConnectedPair.StartAsync(configure);
        await pair.OpenSessionAsync("s1", "v0");
        return pair;
    }

    [Fact]
    public async Task APageChange_ReachesTheAgentWithTheNextSeq_AndTheTabGetsOnlyItsAck()
    {
        await using var pair = await OpenAsync();
        await pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", "typed in the page", baseSeq: 0));

        var update = await pair.Agent.ExpectAsync("code_update");
        Assert.Equal(("s1", "t-s1", "typed in the page", 1L), (update.Str("sessionId"), update.Payload().Str("textareaId"), update.Payload().Str("code"), update.Seq()));
        var ack = await pair.Browser.ExpectAsync("code_ack");
        Assert.Equal(("s1", "t-s1", 1L), (ack.Str("sessionId"), ack.Payload().Str("textareaId"), ack.Seq()));
        await pair.Browser.AssertNothingPendingAsync(); // no echo
        await pair.Agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task AnAgentsLiveChange_IsAcknowledged_AndReachesTheTab()
    {
        await using var pair = await OpenAsync();
        await pair.Agent.SendAsync(Msg.Change(pair.AgentId, "alice", "s1", "t-s1", "typed in the editor", baseSeq: 0));

        Assert.Equal(("typed in the editor", 1L), Text(await pair.Browser.ExpectAsync("code_update")));
        Assert.Equal(1L, (await pair.Agent.ExpectAsync("code_ack")).Seq());
        await pair.Agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task TypingOnBothSides_EachChangeBasedOnTheLastSeen_InterleavesWithSeqsGrowingAndNoEcho()
    {
        await using var pair = await OpenAsync();
        long seen = 0;
        for (var i = 1; i <= 10; i++)
        {
            var (from, to, id) = i % 2 == 0 ? (pair.Agent, pair.Browser, pair.AgentId) : (pair.Browser, pair.Agent, pair.BrowserId);
            await from.SendAsync(Msg.Change(id, "alice", "s1", "t-s1", $"v{i}", seen));
            var ack = await from.ExpectAsync("code_ack");
            Assert.Equal((ack.Seq(), $"v{i}"), ((await to.ExpectAsync("code_update")).Seq(), $"v{i}"));
            Assert.True(ack.Seq() > seen);
            seen = ack.Seq();
        }
        await pair.Browser.AssertNothingPendingAsync();
        await pair.Agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ChangesSentFasterThanTheirAnswers_AreAllAccepted_InOrder()
    {
        await using var pair = await OpenAsync();
        for (var i = 1; i <= 50; i++) await pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", $"keystroke {i}", baseSeq: 0));

        var acks = new List<long>();
        for (var i = 1; i <= 50; i++) acks.Add((await pair.Browser.ExpectAsync("code_ack")).Seq());
        Assert.Equal(Enumerable.Range(1, 50).Select(n => (long)n), acks);
        // The agent may get fewer updates (a waiting update is replaced by a newer one) but ends on the last.
        var last = await LastUpdateAsync(pair.Agent, 50);
        Assert.Equal(("keystroke 50", 50L), last);
    }

    [Fact]
    public async Task BothSidesChangingAtOnce_TheRelayOrdersThem_AndBothEndsConvergeOnItsText()
    {
        await using var pair = await OpenAsync();
        await Task.WhenAll(
            pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", "page's", baseSeq: 0)),
            pair.Agent.SendAsync(Msg.Change(pair.AgentId, "alice", "s1", "t-s1", "editor's", baseSeq: 0)));

        var tab = await AnswersAsync(pair.Browser);
        var agent = await AnswersAsync(pair.Agent);
        // Exactly one change won: its sender got the ack, the other side got it as an update and then
        // was told its own change was overtaken, with the winner's text.
        var (winner, loser) = tab.Ack is not null ? (tab, agent) : (agent, tab);
        Assert.NotNull(winner.Ack);
        Assert.Null(loser.Ack);
        Assert.Equal(winner.Ack, loser.Update?.Seq);
        Assert.Equal(loser.Update?.Code, loser.Overtaken?.Code);
        Assert.Equal(winner.Ack, loser.Overtaken?.Seq);
        Assert.Null(winner.Update);
        Assert.Null(winner.Overtaken);
    }

    [Fact]
    public async Task APageChange_MadeWhileTheAgentIsAway_ReachesItWhenItComesBack()
    {
        await using var pair = await OpenAsync();
        await pair.Agent.CloseAsync();
        await pair.Server.WaitForCountsAsync(desktops: 0);
        await pair.Browser.ExpectAsync("desktop_status");

        await pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", "while the agent was away", baseSeq: 0));
        Assert.Equal(1L, (await pair.Browser.ExpectAsync("code_ack")).Seq());

        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.DesktopResume(pair.AgentId, "alice", "s1", "t-s1", pair.BrowserId, seq: 0));
        await back.ExpectAsync("connection_ack");
        Assert.Equal(("while the agent was away", 1L), Text(await back.ExpectAsync("code_update")));
        await back.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task ATabThatDroppedBeforeItsAck_GetsTheAckOnReturn_NotItsOwnChange()
    {
        await using var pair = await OpenAsync();
        await pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", "mine", baseSeq: 0));
        await pair.Agent.ExpectAsync("code_update");
        await pair.Browser.AbortAsync();
        await pair.Server.WaitForCountsAsync(browsers: 0);

        await using var back = await pair.Server.ConnectAsync();
        await back.SendAsync(Msg.BrowserResume(pair.BrowserId, "alice", "s1", 0));
        await back.ExpectAsync("connection_ack");
        await back.ExpectAsync("desktop_status");
        Assert.Equal(1L, (await back.ExpectAsync("code_ack")).Seq());
        await back.AssertNothingPendingAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)] // alice lands on shard 3 and bob on shard 0: refused as one router would
    public async Task PageChangesToAnotherTabsOrAnotherUsersSession_AreForbidden_AndChangeNothing(int shards)
    {
        await using var pair = await OpenAsync(o => o with { RouterShards = shards });
        await using var sibling = await pair.Server.BrowserAsync("alice", "b-alice-2", expectDesktop: true);
        await using var bob = await pair.Server.BrowserAsync("bob", "b-bob", expectDesktop: false);

        await sibling.SendAsync(Msg.Change("b-alice-2", "alice", "s1", "t-s1", "not my tab's", 0));
        Assert.Equal("Session was opened by another tab", (await sibling.ExpectErrorAsync("FORBIDDEN")).ErrorMessage());
        await bob.SendAsync(Msg.Change("b-bob", "bob", "s1", "t-s1", "not my session", 0));
        Assert.Equal("Session belongs to another user", (await bob.ExpectErrorAsync("FORBIDDEN")).ErrorMessage());
        await pair.Agent.AssertNothingPendingAsync();

        await pair.Agent.SendAsync(Msg.Change(pair.AgentId, "alice", "s1", "t-s1", "still at 0", baseSeq: 0));
        Assert.Equal(1L, (await pair.Agent.ExpectAsync("code_ack")).Seq());
    }

    [Fact]
    public async Task APageChangeWithoutBaseSeq_OrAheadOfTheSession_IsInvalid_AndTheConnectionStaysUsable()
    {
        await using var pair = await OpenAsync();
        await pair.Browser.SendAsync(Msg.CodeUpdateAs(pair.BrowserId, "alice", "s1", "t-s1", "no base"));
        Assert.Equal("payload.baseSeq is required on a tab's code_update", (await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE")).ErrorMessage());
        await pair.Browser.SendAsync(Msg.Change(pair.BrowserId, "alice", "s1", "t-s1", "from the future", 99));
        Assert.Equal("baseSeq 99 is newer than the session's seq 0", (await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE")).ErrorMessage());
        await pair.Browser.SendAsync(Msg.Of(new { type = "code_update", sessionId = "s1", payload = new { code = "x", baseSeq = -1 } }));
        Assert.Equal("message.payload.baseSeq must be a non-negative integer", (await pair.Browser.ExpectErrorAsync("INVALID_MESSAGE")).ErrorMessage());
        await pair.Agent.AssertNothingPendingAsync();
        await pair.AssertStillRoutesAsync();
    }

    [Fact]
    public async Task AnAgentsSaveWithoutBaseSeq_BehavesAsBefore()
    {
        await using var pair = await OpenAsync();
        await pair.Agent.SendAsync(Msg.CodeUpdateAs(pair.AgentId, "alice", "s1", "t-s1", "saved"));
        Assert.Equal(("saved", 1L), Text(await pair.Browser.ExpectAsync("code_update")));
        await pair.Agent.AssertNothingPendingAsync(); // no ack for the seed's agents
    }

    private static (string Code, long Seq) Text(System.Text.Json.JsonElement update) => (update.Payload().Str("code"), update.Seq());

    private static async Task<(string Code, long Seq)> LastUpdateAsync(JsonWsClient client, long seq)
    {
        while (true)
        {
            var update = await client.ExpectAsync("code_update");
            if (update.Seq() == seq) return Text(update);
        }
    }

    private sealed record Answers(long? Ack, (string Code, long Seq)? Update, (string Code, long Seq)? Overtaken);

    /// <summary>Everything one side got up to its ping's pong: its answer and the other side's change, if any.</summary>
    private static async Task<Answers> AnswersAsync(JsonWsClient client)
    {
        await client.SendAsync("""{"type":"ping"}""");
        var answers = new Answers(null, null, null);
        while (true)
        {
            var m = await client.NextAsync();
            switch (m.GetProperty("type").GetString())
            {
                case "pong": return answers;
                case "code_ack": answers = answers with { Ack = m.Seq() }; break;
                case "code_update": answers = answers with { Update = Text(m) }; break;
                case "code_overtaken": answers = answers with { Overtaken = Text(m) }; break;
                default: throw new Xunit.Sdk.XunitException($"unexpected {m}");
            }
        }
    }
}

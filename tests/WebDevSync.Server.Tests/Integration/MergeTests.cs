namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// Concurrent changes merged through the real relay (issue 24, README "Live editing"): a client that
/// says <c>acceptsCodeMerged</c> on connect has an overtaken change merged; a client that speaks only
/// the seed's protocol (no flag, no baseSeq) keeps getting what the seed defines.
/// </summary>
public sealed class MergeTests
{
    private const string V0 = "one\ntwo\nthree\n";

    private static async Task<JsonWsClient> ConnectAsync(TestServer server, string type, string connectionId, bool acceptsMerged)
    {
        var client = await server.ConnectAsync();
        await client.SendAsync(acceptsMerged
            ? Msg.Of(new { type, connectionId, userId = "alice", payload = new { acceptsCodeMerged = true } })
            : Msg.Of(new { type, connectionId, userId = "alice" }));
        await client.ExpectAsync("connection_ack");
        if (type == "browser_connect") await client.ExpectAsync("desktop_status");
        return client;
    }

    private static async Task OpenAsync(JsonWsClient tab, JsonWsClient agent)
    {
        await tab.SendAsync(Msg.EditRequest("s1", "t-s1", V0));
        await agent.ExpectAsync("edit_request");
    }

    [Fact]
    public async Task An_overtaken_change_at_another_line_is_merged_and_both_sides_get_the_merged_text()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await ConnectAsync(server, "desktop_connect", "d-alice", acceptsMerged: true);
        await using var tab = await ConnectAsync(server, "browser_connect", "b-alice", acceptsMerged: true);
        await OpenAsync(tab, agent);

        await tab.SendAsync(Msg.Change("b-alice", "alice", "s1", "t-s1", "ONE\ntwo\nthree\n", baseSeq: 0));
        Assert.Equal(1L, (await tab.ExpectAsync("code_ack")).Seq());
        Assert.Equal(1L, (await agent.ExpectAsync("code_update")).Seq());
        // Typed in the editor before the page's change arrived: based on seq 0.
        await agent.SendAsync(Msg.Change("d-alice", "alice", "s1", "t-s1", "one\ntwo\nthree!\n", baseSeq: 0));

        var merged = await agent.ExpectAsync("code_merged");
        Assert.Equal(("ONE\ntwo\nthree!\n", 2L), (merged.Payload().Str("code"), merged.Seq()));
        var update = await tab.ExpectAsync("code_update");
        Assert.Equal(("ONE\ntwo\nthree!\n", 2L), (update.Payload().Str("code"), update.Seq()));
        await tab.AssertNothingPendingAsync();
        await agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task A_client_that_did_not_announce_code_merged_is_answered_code_overtaken()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await ConnectAsync(server, "desktop_connect", "d-alice", acceptsMerged: false);
        await using var tab = await ConnectAsync(server, "browser_connect", "b-alice", acceptsMerged: true);
        await OpenAsync(tab, agent);

        await tab.SendAsync(Msg.Change("b-alice", "alice", "s1", "t-s1", "ONE\ntwo\nthree\n", baseSeq: 0));
        await tab.ExpectAsync("code_ack");
        await agent.ExpectAsync("code_update");
        await agent.SendAsync(Msg.Change("d-alice", "alice", "s1", "t-s1", "one\ntwo\nthree!\n", baseSeq: 0));

        var overtaken = await agent.ExpectAsync("code_overtaken");
        Assert.Equal(("ONE\ntwo\nthree\n", 1L), (overtaken.Payload().Str("code"), overtaken.Seq()));
        await tab.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task A_seed_protocol_agent_saving_while_the_tab_types_gets_the_merged_text_as_a_plain_code_update()
    {
        await using var server = await TestServer.StartAsync();
        await using var agent = await ConnectAsync(server, "desktop_connect", "d-alice", acceptsMerged: false);
        await using var tab = await ConnectAsync(server, "browser_connect", "b-alice", acceptsMerged: true);
        await OpenAsync(tab, agent);

        // The seed's save: no baseSeq, applied as seq 1.
        await agent.SendAsync(Msg.CodeUpdate("s1", "t-s1", "one\ntwo\nthree!\n"));
        Assert.Equal(1L, (await tab.ExpectAsync("code_update")).Seq());
        await tab.SendAsync(Msg.Change("b-alice", "alice", "s1", "t-s1", "ONE\ntwo\nthree\n", baseSeq: 0));

        var merged = await tab.ExpectAsync("code_merged");
        Assert.Equal(("ONE\ntwo\nthree!\n", 2L), (merged.Payload().Str("code"), merged.Seq()));
        var update = await agent.ExpectAsync("code_update");
        Assert.Equal(("ONE\ntwo\nthree!\n", 2L), (update.Payload().Str("code"), update.Seq()));
        await agent.AssertNothingPendingAsync();
    }
}

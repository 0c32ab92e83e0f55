using System.Text.Json;
using WebDevSync.Core.Editing;

namespace WebDevSync.Server.Tests.Integration;

/// <summary>
/// Changes as edits through the real relay (issue 28, README "Edits"): a client that says
/// <c>acceptsEdits</c> gets the other side's edits, one that does not (the seed's clients) the whole
/// text as before; edits that break the rules are refused with a stable code and the connection stays
/// usable; edits that do not fit the relay's text, or lie about the checksum, change nothing.
/// </summary>
public sealed class EditsTests
{
    private const string V0 = "one\ntwo 😀\nthree\n";

    private static async Task<JsonWsClient> ConnectAsync(TestServer server, string type, string connectionId, bool acceptsEdits, string user = "alice")
    {
        var client = await server.ConnectAsync();
        await client.SendAsync(acceptsEdits
            ? Msg.Of(new { type, connectionId, userId = user, payload = new { acceptsEdits = true } })
            : Msg.Of(new { type, connectionId, userId = user }));
        await client.ExpectAsync("connection_ack");
        if (type == "browser_connect") await client.ExpectAsync("desktop_status");
        return client;
    }

    private static async Task<(JsonWsClient Tab, JsonWsClient Agent)> OpenAsync(TestServer server, bool tabEdits, bool agentEdits)
    {
        var agent = await ConnectAsync(server, "desktop_connect", "d-alice", agentEdits);
        var tab = await ConnectAsync(server, "browser_connect", "b-alice", tabEdits);
        await tab.SendAsync(Msg.EditRequest("s1", "t-s1", V0));
        await agent.ExpectAsync("edit_request");
        return (tab, agent);
    }

    /// <summary>A <c>code_update</c> with edits of the text at <paramref name="baseSeq"/> and the checksum of <paramref name="result"/>.</summary>
    private static string Edits(string result, long baseSeq, params object[][] edits) =>
        Msg.Of(new { type = "code_update", sessionId = "s1", payload = new { textareaId = "t-s1", edits, length = result.Length, hash = TextSum.Of(result).Hash, baseSeq } }, rawUtf8: true);

    [Fact]
    public async Task A_one_char_change_sent_as_edits_reaches_an_agent_that_accepts_edits_as_the_same_edits_with_the_checksum()
    {
        await using var server = await TestServer.StartAsync();
        var (tab, agent) = await OpenAsync(server, tabEdits: true, agentEdits: true);
        await using var tabLink = tab;
        await using var agentLink = agent;

        await tab.SendAsync(Edits("One\ntwo 😀\nthree\n", 0, [0, 1, "O"]));
        Assert.Equal(1L, (await tab.ExpectAsync("code_ack")).Seq());
        var update = await agent.ExpectFrameAsync("code_update");
        var p = update.Json.Payload();
        Assert.False(p.TryGetProperty("code", out _));
        Assert.Equal("[[0,1,\"O\"]]", p.GetProperty("edits").GetRawText());
        Assert.Equal((V0.Length, TextSum.Of("One\ntwo 😀\nthree\n").Hash, 0L, 1L),
            (p.GetProperty("length").GetInt32(), p.GetProperty("hash").GetUInt32(), p.GetProperty("baseSeq").GetInt64(), p.GetProperty("seq").GetInt64()));

        // The agent's edits back, based on that seq: the tab gets them as edits too.
        await agent.SendAsync(Edits("One\ntwo 😀!\nthree\n", 1, [10, 10, "!"]));
        Assert.Equal(2L, (await agent.ExpectAsync("code_ack")).Seq());
        Assert.Equal("[[10,10,\"!\"]]", (await tab.ExpectAsync("code_update")).Payload().GetProperty("edits").GetRawText());
    }

    [Fact]
    public async Task The_seeds_clients_still_get_and_send_whole_texts_beside_clients_that_speak_edits()
    {
        await using var server = await TestServer.StartAsync();
        // An agent as the seed's: no flag, saves without baseSeq. A tab that speaks edits.
        var (tab, agent) = await OpenAsync(server, tabEdits: true, agentEdits: false);
        await using var tabLink = tab;
        await using var agentLink = agent;
        await tab.SendAsync(Edits("One\ntwo 😀\nthree\n", 0, [0, 1, "O"]));
        await tab.ExpectAsync("code_ack");
        Assert.Equal(("One\ntwo 😀\nthree\n", 1L), ((await agent.ExpectAsync("code_update")).Code(), 1L));
        await agent.SendAsync(Msg.CodeUpdate("s1", "t-s1", "saved whole\n"));
        var update = await tab.ExpectAsync("code_update");
        Assert.Equal(("saved whole\n", 2L), (update.Code(), update.Seq()));

        // A tab as the seed's library: whole texts with baseSeq, no flag; the agent's edits reach it whole.
        await using var seedTab = await ConnectAsync(server, "browser_connect", "b-seed", acceptsEdits: false);
        await using var edits = await ConnectAsync(server, "desktop_connect", "d-edits", acceptsEdits: true);
        await seedTab.SendAsync(Msg.EditRequest("s2", "t-s2", "abc"));
        await edits.ExpectAsync("edit_request");
        await edits.SendAsync(Msg.Of(new { type = "code_update", sessionId = "s2", payload = new { textareaId = "t-s2", edits = new[] { new object[] { 3, 3, "d" } }, length = 4, hash = TextSum.Of("abcd").Hash, baseSeq = 0 } }));
        await edits.ExpectAsync("code_ack");
        Assert.Equal("abcd", (await seedTab.ExpectAsync("code_update")).Code());
        await seedTab.SendAsync(Msg.Change("b-seed", "alice", "s2", "t-s2", "abcde", baseSeq: 1));
        await seedTab.ExpectAsync("code_ack");
        Assert.Equal("abcde", (await edits.ExpectAsync("code_update")).Code());
    }

    [Theory]
    [InlineData("[[2,3,\"x\"],[0,1,\"y\"]]", "starts before the end of the edit before it")]
    [InlineData("[[0,2,\"x\"],[1,3,\"y\"]]", "starts before the end of the edit before it")]
    [InlineData("[[3,2,\"x\"]]", "0 <= start <= end")]
    [InlineData("[[-1,0,\"x\"]]", "integers from 0")]
    [InlineData("[[0,0]]", "[start, end, text]")]
    [InlineData("[[0,0,5]]", "text must be a string")]
    [InlineData("{\"start\":0}", "must be an array")]
    public async Task Edits_that_break_the_rules_are_refused_with_INVALID_MESSAGE_and_the_connection_stays_usable(string edits, string says)
    {
        await using var server = await TestServer.StartAsync();
        var (tab, agent) = await OpenAsync(server, tabEdits: true, agentEdits: true);
        await using var tabLink = tab;
        await using var agentLink = agent;
        await tab.SendAsync($"{{\"type\":\"code_update\",\"sessionId\":\"s1\",\"payload\":{{\"textareaId\":\"t-s1\",\"edits\":{edits},\"length\":1,\"hash\":1,\"baseSeq\":0}}}}");
        var error = await tab.ExpectErrorAsync("INVALID_MESSAGE");
        Assert.Contains(says, error.ErrorMessage(), StringComparison.Ordinal);
        await tab.SendAsync(Msg.Ping);
        await tab.ExpectAsync("pong");
        await agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task Too_many_edits_a_hash_past_32_bits_code_beside_edits_or_no_baseSeq_are_refused_too()
    {
        await using var server = await TestServer.StartAsync();
        var (tab, agent) = await OpenAsync(server, tabEdits: true, agentEdits: true);
        await using var tabLink = tab;
        await using var agentLink = agent;
        var many = string.Join(",", Enumerable.Range(0, Core.Protocol.Limits.MaxEditsPerChange + 1).Select(_ => "[0,0,\"\"]"));
        foreach (var (payload, says) in new[]
        {
            ($"\"edits\":[{many}],\"length\":1,\"hash\":1,\"baseSeq\":0", "more than 1024 edits"),
            ("\"edits\":[],\"length\":1,\"hash\":4294967296,\"baseSeq\":0", "hash must be an integer"),
            ("\"edits\":[],\"length\":1,\"hash\":1,\"baseSeq\":0,\"code\":\"x\"", "exclusive"),
            ("\"edits\":[],\"length\":1,\"hash\":1", "baseSeq"),
        })
        {
            await tab.SendAsync($"{{\"type\":\"code_update\",\"sessionId\":\"s1\",\"payload\":{{\"textareaId\":\"t-s1\",{payload}}}}}");
            Assert.Contains(says, (await tab.ExpectErrorAsync("INVALID_MESSAGE")).ErrorMessage(), StringComparison.Ordinal);
        }
        await tab.SendAsync(Msg.Ping);
        await tab.ExpectAsync("pong");
        await agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task Edits_beyond_the_text_inside_a_surrogate_pair_or_with_a_checksum_that_lies_change_nothing_and_get_the_relays_text()
    {
        await using var server = await TestServer.StartAsync();
        var (tab, agent) = await OpenAsync(server, tabEdits: true, agentEdits: true);
        await using var tabLink = tab;
        await using var agentLink = agent;
        var pair = V0.IndexOf("😀", StringComparison.Ordinal) + 1;
        foreach (var change in new[]
        {
            Edits(V0 + "x", 0, [V0.Length + 1, V0.Length + 1, "x"]),
            Edits(V0[..pair] + "x" + V0[pair..], 0, [pair, pair, "x"]),
            Msg.Of(new { type = "code_update", sessionId = "s1", payload = new { textareaId = "t-s1", edits = new[] { new object[] { 0, 1, "O" } }, length = V0.Length, hash = TextSum.Of(V0).Hash, baseSeq = 0 } }),
        })
        {
            await tab.SendAsync(change);
            var overtaken = await tab.ExpectAsync("code_overtaken");
            Assert.Equal((V0, 0L), (overtaken.Code(), overtaken.Seq()));
        }
        await agent.AssertNothingPendingAsync();
    }

    [Fact]
    public async Task A_side_that_asks_for_the_whole_text_gets_it_and_another_users_session_is_forbidden()
    {
        await using var server = await TestServer.StartAsync();
        var (tab, agent) = await OpenAsync(server, tabEdits: true, agentEdits: true);
        await using var tabLink = tab;
        await using var agentLink = agent;
        await tab.SendAsync(Edits("One\ntwo 😀\nthree\n", 0, [0, 1, "O"]));
        await tab.ExpectAsync("code_ack");
        await agent.ExpectAsync("code_update");
        await agent.SendAsync(Msg.Of(new { type = "code_refresh", sessionId = "s1" }));
        var whole = await agent.ExpectAsync("code_update");
        Assert.Equal(("One\ntwo 😀\nthree\n", 1L), (whole.Code(), whole.Seq()));

        await using var mallory = await ConnectAsync(server, "desktop_connect", "d-mallory", acceptsEdits: true, user: "mallory");
        await mallory.SendAsync(Msg.Of(new { type = "code_refresh", sessionId = "s1" }));
        await mallory.ExpectErrorAsync("FORBIDDEN");
        await mallory.SendAsync(Msg.Of(new { type = "code_refresh", sessionId = "nope" }));
        await mallory.ExpectErrorAsync("SESSION_NOT_FOUND");
    }
}

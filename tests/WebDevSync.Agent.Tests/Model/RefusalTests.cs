using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Tests.Properties;
using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>A refusal says why and what to do; one that retrying cannot fix stops the link (and a headless agent, with code 3).</summary>
public sealed class RefusalTests
{
    private static AgentState Started(bool headless = false) =>
        Run(AgentState.Initial(Settings() with { Headless = headless }), new AgentEvent.Started(1_000)).State;

    private static AgentEvent.LinkClosed RefusedWith(int status, string reason, int attempt = 1, long now = 1_500) =>
        new(attempt, $"refused by the server (HTTP {status}): {reason}", null, 0.5, now, new RelayRefusal(status, reason));

    [Fact]
    public void A_refused_token_stops_the_link_with_the_reason_and_the_fix_and_no_retry_follows()
    {
        var t = Run(Started(), RefusedWith(401, "missing token"), new AgentEvent.Tick(60_000), new AgentEvent.Tick(3_600_000));
        var stopped = Assert.IsType<LinkState.Stopped>(t.State.Link);
        Assert.StartsWith("refused: missing token (HTTP 401); this relay needs a token: pass --token", stopped.Reason);
        Assert.Empty(t.Effects.OfType<AgentEffect.Connect>());
        Assert.DoesNotContain(t.Effects, e => e is AgentEffect.Exit);
        Assert.Contains("refused missing token (HTTP 401); this relay needs a token: pass --token (mint one on the relay's machine with scripts/run token --user alice); not retrying (press r to retry)", t.State.LogText());
    }

    [Fact]
    public void Headless_a_refusal_that_retrying_cannot_fix_exits_with_code_3()
    {
        var t = Run(Started(headless: true), RefusedWith(403, "userId does not match the authenticated user"));
        Assert.Equal(new AgentEffect.Exit(RefusalAdvice.ExitCode), t.Effects[^1]);
        Assert.Equal(3, RefusalAdvice.ExitCode);
    }

    [Fact]
    public void R_after_a_refusal_tries_again()
    {
        var t = Run(Started(), RefusedWith(401, "token expired"), new AgentEvent.ReconnectNow(2_000));
        Assert.IsType<LinkState.Connecting>(t.State.Link);
        Assert.Single(t.Effects.OfType<AgentEffect.Connect>());
    }

    [Fact]
    public void A_connect_message_refused_as_another_users_is_a_refusal_too()
    {
        var opened = Run(Started(headless: true), new AgentEvent.LinkOpened(1, 1_100)).State;
        var t = Run(opened, Receive(new ServerMessage.Error(ErrorCode.Forbidden, "userId does not match the authenticated user", "d-agent", null), 1_200));
        Assert.IsType<LinkState.Stopped>(t.State.Link);
        Assert.Contains(new AgentEffect.Disconnect(1, "refused"), t.Effects);
        Assert.Equal(new AgentEffect.Exit(3), t.Effects[^1]);
        Assert.Contains(t.State.LogText(), l => l.Contains("the token is for another user than --user alice: mint one for alice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_error_is_not_a_refusal()
    {
        var t = Run(Editing(), Receive(new ServerMessage.Error(ErrorCode.Forbidden, "not yours", "d-agent", "s-1234567890"), 3_000));
        Assert.IsType<LinkState.Connected>(t.State.Link);
    }

    [Theory]
    [InlineData(404, "Not Found", "nothing answers at this path: the relay's WebSocket is at /web-dev-sync/ws (e.g. ws://127.0.0.1:8071/web-dev-sync/ws)")]
    [InlineData(200, "answered with a page, not a WebSocket", "this URL is not the relay's WebSocket (e.g. ws://127.0.0.1:8071/web-dev-sync/ws)")]
    [InlineData(400, "bad request", "is this the relay's gRPC port? Use grpc://127.0.0.1:8071, or its HTTP port for WebSocket (8071 by default: ws://127.0.0.1:8071/web-dev-sync/ws)")]
    [InlineData(403, "host not allowed: use localhost, or add it to allowedHosts", "connect by localhost or 127.0.0.1, or add this host name to the relay's allowedHosts")]
    [InlineData(401, "token signature is not valid", "the relay does not accept this token (minted with another secret?): mint one with the relay's secret (scripts/run token --user alice)")]
    public void Each_refusal_names_its_likely_fix(int status, string reason, string fix) =>
        Assert.Equal($"{reason} (HTTP {status}); {fix}", RefusalAdvice.Explain(new RelayRefusal(status, reason), Settings().ServerUrl, "alice"));

    [Fact]
    public void The_relays_reason_is_shown_as_one_clean_line()
    {
        var line = RefusalAdvice.Explain(new RelayRefusal(403, "evil\u001b[2J\nreason"), Settings().ServerUrl, "alice");
        Assert.DoesNotContain('\u001b', line);
        Assert.DoesNotContain('\n', line);
    }

    /// <summary>Statuses the relay, a proxy, or another server may answer with.</summary>
    public static class Statuses
    {
        public static Arbitrary<int> Status() => Gen.Elements(0, 200, 302, 400, 401, 403, 404, 426, 429, 500, 502, 503).ToArbitrary();
    }

    [Property(Cases.Brief, Arbitrary = new[] { typeof(Statuses) })]
    public bool Only_a_busy_or_failing_relay_is_retried_and_anything_else_never_connects_again_by_itself(int status)
    {
        var t = Run(Started(), RefusedWith(status, "because"), new AgentEvent.Tick(40_000), new AgentEvent.Tick(100_000));
        var connects = t.Effects.OfType<AgentEffect.Connect>().Count();
        return status is 429 or >= 500
            ? connects >= 1 && t.State.Link is not LinkState.Stopped
            : connects == 0 && t.State.Link is LinkState.Stopped;
    }
}

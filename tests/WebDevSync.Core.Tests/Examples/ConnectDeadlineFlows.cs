using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>
/// Accepting a connection is an effect of its own, and a connection that opens and never connects is
/// closed after the connect timeout, whatever transport opened it.
/// </summary>
public class ConnectDeadlineFlows
{
    private static readonly long Timeout = RouterOptions.Default.ConnectTimeoutMs;

    [Fact]
    public void An_accepted_connect_says_so_before_its_ack() =>
        Spec.Given()
            .When(Desktop(10, "alice", "d-1"))
            .Then(Accepted(10, Role.Agent, "alice"), Sent(10, new ConnectionAck("d-1", Role.Agent, "alice")));

    [Fact]
    public void A_refused_connect_and_a_repeated_connect_accept_nothing() =>
        Spec.Given(Browser(1, "alice", "b-1"))
            .When(Browser(2, "bob", "b-1"))
            .ThenError(2, ErrorCode.Forbidden)
            .When(Browser(1, "alice", "b-1"))
            .Then(Sent(1, new ConnectionAck("b-1", Role.Browser, "alice")));

    [Fact]
    public void A_connection_opened_and_silent_past_the_connect_timeout_is_closed_once() =>
        Spec.Given(Opened(1))
            .When(Tick().After(Timeout - 1))
            .ThenNothing()
            .When(Tick().After(1))
            .Then(Closed(1, CloseReason.ConnectTimeout))
            .And(s => Assert.Empty(s.Unconnected))
            .When(Tick().After(Timeout))
            .ThenNothing()
            .When(Drop(1))
            .ThenNothing();

    [Fact]
    public void A_connection_that_connects_in_time_has_no_deadline_any_more() =>
        Spec.Given(Opened(1), Browser(1, "alice", "b-1").After(Timeout - 1))
            .And(s => Assert.Empty(s.Unconnected))
            .When(Tick().After(Timeout))
            .ThenNothing();

    [Fact]
    public void A_refused_connect_keeps_the_deadline_running() =>
        Spec.Given(Browser(9, "bob", "b-1"), Opened(1), Browser(1, "alice", "b-1"))
            .When(Tick().After(Timeout))
            .Then(Closed(1, CloseReason.ConnectTimeout));

    [Fact]
    public void A_connection_gone_before_its_deadline_is_forgotten() =>
        Spec.Given(Opened(1))
            .When(Drop(1))
            .ThenNothing()
            .And(s => Assert.Empty(s.Unconnected))
            .When(Tick().After(Timeout))
            .ThenNothing();

    [Fact]
    public void A_connect_timeout_of_zero_turns_the_deadline_off() =>
        Spec.Given(new RouterOptions { ConnectTimeoutMs = 0 }, Opened(1))
            .When(Tick().After(Timeout * 10))
            .ThenNothing();
}

using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using Xunit;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>
/// Accepting a connection is an effect of its own, and a connection that opens and never connects is
/// closed after the connect timeout, whatever transport opened it.
/// </summary>
public class ConnectDeadlineFlows
{
    private static readonly long Timeout = RouterOptions.Default.ConnectTimeoutMs;

    private static Relay Opened(long conn, Relay? r = null) => (r ?? new Relay()).Step(new Input.Opened(new ConnId(conn), (r?.Now) ?? Relay.Start));

    [Fact]
    public void An_accepted_connect_says_so_before_its_ack()
    {
        var r = new Relay().Desktop(10, "alice", "d-1");
        Assert.Equal(new Effect.Accepted(new ConnId(10), Role.Agent, "alice"), r.Effects[0]);
        Assert.Equal(new ConnectionAck("d-1", Role.Agent, "alice"), r.To(10)[0]);
    }

    [Fact]
    public void A_refused_connect_and_a_repeated_connect_accept_nothing()
    {
        var r = new Relay().Browser(1, "alice", "b-1").Browser(2, "bob", "b-1");
        Assert.IsType<Error>(Assert.Single(r.To(2)));
        Assert.DoesNotContain(r.Effects, e => e is Effect.Accepted);
        r.Browser(1, "alice", "b-1");
        Assert.Equal([new ConnectionAck("b-1", Role.Browser, "alice")], r.To(1));
        Assert.DoesNotContain(r.Effects, e => e is Effect.Accepted);
    }

    [Fact]
    public void A_connection_opened_and_silent_past_the_connect_timeout_is_closed_once()
    {
        var r = Opened(1);
        r.Advance(Timeout - 1).Tick();
        Assert.Empty(r.Effects);
        r.Advance(1).Tick();
        Assert.Equal([new Effect.Close(new ConnId(1), CloseReason.ConnectTimeout)], r.Closes);
        Assert.Empty(r.State.Unconnected);
        r.Advance(Timeout).Tick().Drop(1);
        Assert.Empty(r.Effects);
    }

    [Fact]
    public void A_connection_that_connects_in_time_has_no_deadline_any_more()
    {
        var r = Opened(1).Advance(Timeout - 1).Browser(1, "alice", "b-1");
        Assert.Empty(r.State.Unconnected);
        r.Advance(Timeout).Tick();
        Assert.Empty(r.Closes);
    }

    [Fact]
    public void A_refused_connect_keeps_the_deadline_running()
    {
        var r = new Relay().Browser(9, "bob", "b-1");
        r = Opened(1, r).Browser(1, "alice", "b-1").Advance(Timeout).Tick();
        Assert.Equal([new Effect.Close(new ConnId(1), CloseReason.ConnectTimeout)], r.Closes);
    }

    [Fact]
    public void A_connection_gone_before_its_deadline_is_forgotten()
    {
        var r = Opened(1).Drop(1);
        Assert.Empty(r.State.Unconnected);
        r.Advance(Timeout).Tick();
        Assert.Empty(r.Closes);
    }

    [Fact]
    public void A_connect_timeout_of_zero_turns_the_deadline_off()
    {
        var r = new Relay(new RouterOptions { ConnectTimeoutMs = 0 });
        r.Step(new Input.Opened(new ConnId(1), r.Now)).Advance(Timeout * 10).Tick();
        Assert.Empty(r.Closes);
    }
}

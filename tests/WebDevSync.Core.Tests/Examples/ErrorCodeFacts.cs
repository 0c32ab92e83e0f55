using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using Xunit;
using static WebDevSync.Core.Protocol.ServerMessage;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Each error code, how it arises, and that the refused socket stays open and usable.</summary>
public class ErrorCodeFacts
{
    /// <summary>The one error the last step sent to <paramref name="conn"/>, which must be all it did.</summary>
    static Error OnlyError(Relay r, long conn)
    {
        var error = Assert.IsType<Error>(Assert.Single(r.Effects.OfType<Effect.Send>()).Message);
        Assert.Equal([conn], r.Recipients);
        Assert.Single(r.Effects);
        return error;
    }

    static Relay AliceReady(RouterOptions? options = null) =>
        new Relay(options).Browser(1, "alice", "b-1").Desktop(10, "alice", "d-1").Edit(1, "s1", "x");

    [Theory]
    [InlineData(ErrorCode.InvalidMessage, "INVALID_MESSAGE")]
    [InlineData(ErrorCode.UnknownType, "UNKNOWN_TYPE")]
    [InlineData(ErrorCode.PayloadTooLarge, "PAYLOAD_TOO_LARGE")]
    [InlineData(ErrorCode.Unauthenticated, "UNAUTHENTICATED")]
    [InlineData(ErrorCode.RateLimited, "RATE_LIMITED")]
    [InlineData(ErrorCode.Internal, "INTERNAL")]
    public void An_undecodable_frame_gets_exactly_one_error_with_the_transports_code_and_the_socket_stays_usable(ErrorCode code, string wire)
    {
        var r = new Relay().Browser(1, "alice", "b-1").Garbage(1, code);
        var error = OnlyError(r, 1);
        Assert.Equal((code, wire, "b-1"), (error.Code, error.Code.Wire(), error.ConnectionId));
        Assert.Equal(code, ErrorCodes.FromWire(wire));

        r.Ping(1);
        Assert.Equal([new Pong()], r.To(1));
        Assert.Single(r.State.Connections);
    }

    [Fact]
    public void An_undecodable_frame_before_connecting_gets_an_error_without_a_connection_id() =>
        Assert.Null(OnlyError(new Relay().Garbage(7, ErrorCode.InvalidMessage), 7).ConnectionId);

    [Fact]
    public void NOT_CONNECTED_for_a_message_before_browser_connect_or_desktop_connect()
    {
        var r = new Relay().Edit(1, "s1", "x");
        Assert.Equal(ErrorCode.NotConnected, OnlyError(r, 1).Code);
        r.Update(2, "s1", "x");
        Assert.Equal(ErrorCode.NotConnected, OnlyError(r, 2).Code);
        r.Close(3, "s1");
        Assert.Equal(ErrorCode.NotConnected, OnlyError(r, 3).Code);
        Assert.Empty(r.State.Connections);
    }

    [Fact]
    public void NO_DESKTOP_when_the_user_has_no_agent_even_if_another_user_has_one()
    {
        var r = new Relay().Desktop(10, "bob", "d-bob").Browser(1, "alice", "b-1").Edit(1, "s1", "x");
        Assert.Equal(new Error(ErrorCode.NoDesktop, "No desktop connection found", "b-1", "s1"), OnlyError(r, 1));
        Assert.Empty(r.State.Sessions);
    }

    [Fact]
    public void SESSION_NOT_FOUND_for_an_update_or_close_of_a_session_that_does_not_exist()
    {
        var r = AliceReady().Update(10, "nope", "x");
        Assert.Equal(new Error(ErrorCode.SessionNotFound, "Session not found", "d-1", "nope"), OnlyError(r, 10));
        r.Close(1, "nope");
        Assert.Equal(new Error(ErrorCode.SessionNotFound, "Session not found", "b-1", "nope"), OnlyError(r, 1));
        r.Close(1, "s1").Close(1, "s1");
        Assert.Equal(ErrorCode.SessionNotFound, OnlyError(r, 1).Code);
    }

    [Fact]
    public void FORBIDDEN_when_a_message_names_another_user_or_another_connection_id()
    {
        var r = AliceReady().Update(10, "s1", "x", new Claims(null, "bob"));
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 10).Code);
        r.Edit(1, "s1", "x", claims: new Claims("b-other", null));
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 1).Code);
        r.Edit(1, "s1", "y", claims: new Claims("b-1", "alice"));
        Assert.IsType<EditRequest>(Assert.Single(r.To(10))); // its own ids are fine
    }

    [Fact]
    public void FORBIDDEN_when_another_user_opens_updates_or_closes_a_session_and_the_session_is_untouched()
    {
        var r = AliceReady().Browser(2, "bob", "b-2").Desktop(11, "bob", "d-2");
        var before = r.Session("s1");

        r.Edit(2, "s1", "bob's code");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 2).Code);
        r.Update(11, "s1", "bob's update");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 11).Code);
        r.Close(2, "s1");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 2).Code);
        r.Close(11, "s1");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 11).Code);

        Assert.Equal(before, r.Session("s1"));
    }

    [Fact]
    public void FORBIDDEN_when_a_connection_id_is_claimed_by_another_user_or_role()
    {
        var r = AliceReady().Browser(2, "bob", "b-1");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 2).Code);
        r.Desktop(3, "alice", "b-1");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 3).Code);
        Assert.Equal(new ConnId(1), r.State.Clients["b-1"].Live);
    }

    [Fact]
    public void FORBIDDEN_when_the_connect_names_a_user_other_than_the_verified_token()
    {
        var r = new Relay().Send(1, new ClientMessage.BrowserConnect("b-1", "alice", []), authUser: "bob");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 1).Code);
        Assert.Empty(r.State.Connections);
        r.Send(1, new ClientMessage.BrowserConnect("b-1", "bob", []), authUser: "bob");
        Assert.Equal(new ConnectionAck("b-1", Role.Browser, "bob"), r.To(1)[0]);
    }

    [Fact]
    public void FORBIDDEN_for_the_wrong_role_and_for_a_second_connect_with_another_identity()
    {
        var r = AliceReady().Edit(10, "s2", "agents do not open sessions");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 10).Code);
        r.Update(1, "s1", "a page change needs the seq it started from");
        Assert.Equal(ErrorCode.InvalidMessage, OnlyError(r, 1).Code);
        r.Browser(1, "alice", "b-renamed");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 1).Code);
        r.Desktop(1, "alice", "b-1");
        Assert.Equal(ErrorCode.Forbidden, OnlyError(r, 1).Code);
    }

    [Fact]
    public void PAYLOAD_TOO_LARGE_for_code_longer_than_the_limit_in_an_edit_request_or_an_update()
    {
        var options = new RouterOptions { MaxCodeBytes = 10 };
        var r = AliceReady(options).Edit(1, "s2", new string('x', 11));
        Assert.Equal(new Error(ErrorCode.PayloadTooLarge, "code is larger than 10 bytes (UTF-8)", "b-1", "s2"), OnlyError(r, 1));
        r.Update(10, "s1", new string('x', 11));
        Assert.Equal(ErrorCode.PayloadTooLarge, OnlyError(r, 10).Code);
        r.Update(10, "s1", new string('x', 10));
        Assert.IsType<CodeUpdate>(Assert.Single(r.To(1)));
    }

    [Fact]
    public void RATE_LIMITED_when_a_user_opens_more_sessions_than_allowed()
    {
        var r = AliceReady(new RouterOptions { MaxSessionsPerUser = 1 }).Edit(1, "s2", "y");
        Assert.Equal(new Error(ErrorCode.RateLimited, "Too many open sessions", "b-1", "s2"), OnlyError(r, 1));
    }

    [Fact]
    public void Every_error_code_has_a_distinct_stable_wire_spelling()
    {
        var wires = Enum.GetValues<ErrorCode>().Select(c => c.Wire()).ToList();
        Assert.Equal(["INVALID_MESSAGE", "UNKNOWN_TYPE", "NOT_CONNECTED", "NO_DESKTOP", "SESSION_NOT_FOUND", "FORBIDDEN",
            "PAYLOAD_TOO_LARGE", "RATE_LIMITED", "UNAUTHENTICATED", "INTERNAL"], wires);
        Assert.Null(ErrorCodes.FromWire("NOPE"));
    }
}

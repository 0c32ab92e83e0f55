using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Each error code, how it arises, and that the refused socket stays open and usable.</summary>
public class ErrorCodeFacts
{
    static readonly Act[] AliceReady = [Browser(1, "alice", "b-1"), Desktop(10, "alice", "d-1"), Edit(1, "s1", "x")];

    [Theory]
    [InlineData(ErrorCode.InvalidMessage, "INVALID_MESSAGE")]
    [InlineData(ErrorCode.UnknownType, "UNKNOWN_TYPE")]
    [InlineData(ErrorCode.PayloadTooLarge, "PAYLOAD_TOO_LARGE")]
    [InlineData(ErrorCode.Unauthenticated, "UNAUTHENTICATED")]
    [InlineData(ErrorCode.RateLimited, "RATE_LIMITED")]
    [InlineData(ErrorCode.Internal, "INTERNAL")]
    public void An_undecodable_frame_gets_exactly_one_error_with_the_transports_code_and_the_socket_stays_usable(ErrorCode code, string wire)
    {
        Spec.Given(Browser(1, "alice", "b-1"))
            .When(Garbage(1, code))
            .ThenError(1, new Error(code, "bad frame", "b-1", null))
            .When(Ping(1))
            .Then(Sent(1, new Pong()))
            .And(s => Assert.Single(s.Connections));
        Assert.Equal((wire, code), (code.Wire(), ErrorCodes.FromWire(wire)));
    }

    [Fact]
    public void An_undecodable_frame_before_connecting_gets_an_error_without_a_connection_id() =>
        Spec.Given()
            .When(Garbage(7, ErrorCode.InvalidMessage))
            .ThenError(7, new Error(ErrorCode.InvalidMessage, "bad frame", null, null));

    [Fact]
    public void NOT_CONNECTED_for_a_message_before_browser_connect_or_desktop_connect() =>
        Spec.Given()
            .When(Edit(1, "s1", "x"))
            .ThenError(1, ErrorCode.NotConnected)
            .When(Update(2, "s1", "x"))
            .ThenError(2, ErrorCode.NotConnected)
            .When(Close(3, "s1"))
            .ThenError(3, ErrorCode.NotConnected)
            .And(s => Assert.Empty(s.Connections));

    [Fact]
    public void NO_DESKTOP_when_the_user_has_no_agent_even_if_another_user_has_one() =>
        Spec.Given(Desktop(10, "bob", "d-bob"), Browser(1, "alice", "b-1"))
            .When(Edit(1, "s1", "x"))
            .ThenError(1, new Error(ErrorCode.NoDesktop, "No desktop connection found", "b-1", "s1"))
            .And(s => Assert.Empty(s.Sessions));

    [Fact]
    public void SESSION_NOT_FOUND_for_an_update_or_close_of_a_session_that_does_not_exist() =>
        Spec.Given(AliceReady)
            .When(Update(10, "nope", "x"))
            .ThenError(10, new Error(ErrorCode.SessionNotFound, "Session not found", "d-1", "nope"))
            .When(Close(1, "nope"))
            .ThenError(1, new Error(ErrorCode.SessionNotFound, "Session not found", "b-1", "nope"))
            .When(Close(1, "s1")).When(Close(1, "s1"))
            .ThenError(1, ErrorCode.SessionNotFound);

    [Fact]
    public void FORBIDDEN_when_a_message_names_another_user_or_another_connection_id() =>
        Spec.Given(AliceReady)
            .When(Update(10, "s1", "x", new Claims(null, "bob")))
            .ThenError(10, ErrorCode.Forbidden)
            .When(Edit(1, "s1", "x", claims: new Claims("b-other", null)))
            .ThenError(1, ErrorCode.Forbidden)
            .When(Edit(1, "s1", "y", claims: new Claims("b-1", "alice")))
            .Then(Sent(10, new EditRequest("s1", "code-1", "y", "js", "b-1", 1))); // its own ids are fine

    [Fact]
    public void FORBIDDEN_when_another_user_opens_updates_or_closes_a_session_and_the_session_is_untouched()
    {
        var spec = Spec.Given([.. AliceReady, Browser(2, "bob", "b-2"), Desktop(11, "bob", "d-2")]);
        var before = spec.State.Sessions["s1"];

        spec.When(Edit(2, "s1", "bob's code")).ThenError(2, ErrorCode.Forbidden)
            .When(Update(11, "s1", "bob's update")).ThenError(11, ErrorCode.Forbidden)
            .When(Close(2, "s1")).ThenError(2, ErrorCode.Forbidden)
            .When(Close(11, "s1")).ThenError(11, ErrorCode.Forbidden)
            .And(s => Assert.Equal(before, s.Sessions["s1"]));
    }

    [Fact]
    public void FORBIDDEN_when_a_connection_id_is_claimed_by_another_user_or_role() =>
        Spec.Given(AliceReady)
            .When(Browser(2, "bob", "b-1"))
            .ThenError(2, ErrorCode.Forbidden)
            .When(Desktop(3, "alice", "b-1"))
            .ThenError(3, ErrorCode.Forbidden)
            .And(s => Assert.Equal(new ConnId(1), s.Clients["b-1"].Live));

    [Fact]
    public void FORBIDDEN_when_the_connect_names_a_user_other_than_the_verified_token() =>
        Spec.Given()
            .When(Send(1, new ClientMessage.BrowserConnect("b-1", "alice", []), authUser: "bob"))
            .ThenError(1, ErrorCode.Forbidden)
            .And(s => Assert.Empty(s.Connections))
            .When(Send(1, new ClientMessage.BrowserConnect("b-1", "bob", []), authUser: "bob"))
            .Then(Accepted(1, Role.Browser, "bob"), Sent(1, new ConnectionAck("b-1", Role.Browser, "bob")), Sent(1, new DesktopStatus(false)));

    [Fact]
    public void FORBIDDEN_for_the_wrong_role_and_for_a_second_connect_with_another_identity() =>
        Spec.Given(AliceReady)
            .When(Edit(10, "s2", "agents do not open sessions"))
            .ThenError(10, ErrorCode.Forbidden)
            .When(Update(1, "s1", "a page change needs the seq it started from"))
            .ThenError(1, ErrorCode.InvalidMessage)
            .When(Browser(1, "alice", "b-renamed"))
            .ThenError(1, ErrorCode.Forbidden)
            .When(Desktop(1, "alice", "b-1"))
            .ThenError(1, ErrorCode.Forbidden);

    [Fact]
    public void PAYLOAD_TOO_LARGE_for_code_longer_than_the_limit_in_an_edit_request_or_an_update() =>
        Spec.Given(new RouterOptions { MaxCodeBytes = 10 }, AliceReady)
            .When(Edit(1, "s2", new string('x', 11)))
            .ThenError(1, new Error(ErrorCode.PayloadTooLarge, "code is larger than 10 bytes (UTF-8)", "b-1", "s2"))
            .When(Update(10, "s1", new string('x', 11)))
            .ThenError(10, ErrorCode.PayloadTooLarge)
            .When(Update(10, "s1", new string('x', 10)))
            .Then(Sent(1, new CodeUpdate("s1", "code-1", new string('x', 10), 1)));

    [Fact]
    public void RATE_LIMITED_when_a_user_opens_more_sessions_than_allowed() =>
        Spec.Given(new RouterOptions { MaxSessionsPerUser = 1 }, AliceReady)
            .When(Edit(1, "s2", "y"))
            .ThenError(1, new Error(ErrorCode.RateLimited, "Too many open sessions", "b-1", "s2"));

    [Fact]
    public void Every_error_code_has_a_distinct_stable_wire_spelling()
    {
        var wires = Enum.GetValues<ErrorCode>().Select(c => c.Wire()).ToList();
        Assert.Equal(["INVALID_MESSAGE", "UNKNOWN_TYPE", "NOT_CONNECTED", "NO_DESKTOP", "SESSION_NOT_FOUND", "FORBIDDEN",
            "PAYLOAD_TOO_LARGE", "RATE_LIMITED", "UNAUTHENTICATED", "INTERNAL"], wires);
        Assert.Null(ErrorCodes.FromWire("NOPE"));
    }
}

using static WebDevSync.Core.Protocol.ServerMessage;
using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>
/// Ids another router shard holds (<see cref="ForeignIds"/>) are refused where one router refuses another
/// user's ids in its own state, with the same answer.
/// </summary>
public class ForeignIdFlows
{
    static ForeignIds Clients(params string[] ids) => ForeignIds.None with { Clients = [.. ids] };

    static ForeignIds Sessions(params string[] ids) => ForeignIds.None with { Sessions = [.. ids] };

    static ClientMessage.DesktopConnect Announcing(params AnnouncedSession[] sessions) => new("d-1", "alice", [.. sessions]);

    [Fact]
    public void An_announced_session_naming_a_tab_another_shard_holds_is_closed_back_and_nothing_is_adopted() =>
        Spec.Given()
            .When(Send(10, Announcing(new AnnouncedSession("s9", "code-9", "js", "b-bob")), foreign: Clients("b-bob")))
            .Then(Accepted(10, Role.Agent, "alice"), Sent(10, new ConnectionAck("d-1", Role.Agent, "alice")), Sent(10, new SessionClosed("s9", "code-9", "unknown_session")))
            .And(s => Assert.Equal((0, false), (s.Sessions.Count, s.Clients.ContainsKey("b-bob"))));

    [Fact]
    public void An_announced_session_id_another_shard_holds_is_closed_back_and_the_others_are_adopted() =>
        Spec.Given()
            .When(Send(10, Announcing(new AnnouncedSession("s9", "code-9", "js", "b-1"), new AnnouncedSession("s1", "code-1", "js", "b-1")), foreign: Sessions("s9")))
            .Then(Accepted(10, Role.Agent, "alice"), Sent(10, new ConnectionAck("d-1", Role.Agent, "alice")), Sent(10, new SessionClosed("s9", "code-9", "unknown_session")))
            .And(s => Assert.Equal(["s1"], s.Sessions.Keys));

    [Fact]
    public void A_session_the_router_holds_is_rebound_to_its_agent_whatever_tab_the_announce_names_as_one_router_does() =>
        Spec.Given(Desktop(10, "alice", "d-0"), Browser(1, "alice", "b-1"), Edit(1, "s1", "v0"))
            .When(Send(11, Announcing(new AnnouncedSession("s1", "code-1", "js", "b-bob")), foreign: Clients("b-bob")))
            .Then(Accepted(11, Role.Agent, "alice"), Sent(11, new ConnectionAck("d-1", Role.Agent, "alice")))
            .And(s => Assert.Equal(("d-1", "b-1"), (s.Sessions["s1"].AgentClientId, s.Sessions["s1"].BrowserClientId)));

    [Fact]
    public void A_connect_with_a_client_id_another_shard_holds_is_forbidden() =>
        Spec.Given()
            .When(Send(1, new ClientMessage.BrowserConnect("b-bob", "alice", []), foreign: Clients("b-bob")))
            .ThenError(1, ErrorCode.Forbidden)
            .And(s => Assert.Empty(s.Connections));

    [Fact]
    public void Opening_updating_or_closing_a_session_another_shard_holds_is_forbidden_not_session_not_found() =>
        Spec.Given(Desktop(10, "alice", "d-1"), Browser(1, "alice", "b-1"))
            .When(Send(1, new ClientMessage.EditRequest(Claims.None, "s-bob", "code-1", "x", "js"), foreign: Sessions("s-bob")))
            .ThenError(1, new Error(ErrorCode.Forbidden, "Session belongs to another user", "b-1", "s-bob"))
            .When(Send(10, new ClientMessage.CodeUpdate(Claims.None, "s-bob", null, "x"), foreign: Sessions("s-bob")))
            .ThenError(10, new Error(ErrorCode.Forbidden, "Session belongs to another user", "d-1", "s-bob"))
            .When(Send(10, new ClientMessage.SessionClosed(Claims.None, "s-bob", null), foreign: Sessions("s-bob")))
            .ThenError(10, new Error(ErrorCode.Forbidden, "Session belongs to another user", "d-1", "s-bob"))
            .And(s => Assert.Empty(s.Sessions));

    [Fact]
    public void A_wrong_role_or_oversized_message_is_answered_for_that_first_even_naming_a_foreign_session() =>
        Spec.Given(RouterOptions.Default with { MaxCodeBytes = 4 }, Desktop(10, "alice", "d-1"))
            .When(Send(10, new ClientMessage.EditRequest(Claims.None, "s-bob", "code-1", "x", "js"), foreign: Sessions("s-bob")))
            .ThenError(10, new Error(ErrorCode.Forbidden, "edit_request must come from a browser", "d-1", "s-bob"))
            .When(Send(10, new ClientMessage.CodeUpdate(Claims.None, "s-bob", null, "too long"), foreign: Sessions("s-bob")))
            .ThenError(10, ErrorCode.PayloadTooLarge);
}

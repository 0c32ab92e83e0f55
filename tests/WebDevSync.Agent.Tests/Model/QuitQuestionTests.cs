using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary><c>q</c> with sessions open asks first; Ctrl-C and signals quit at once (issue 27).</summary>
public sealed class QuitQuestionTests
{
    [Fact]
    public void Q_with_a_session_open_asks_first_and_no_keeps_everything_running()
    {
        var t = Run(Editing(), new AgentEvent.QuitRequested("q", 5_000));
        Assert.True(t.State.ConfirmingQuit);
        Assert.Empty(t.Effects);
        Assert.Contains("1 session is open", WebDevSync.Agent.Views.ViewModel.From(t.State).ConfirmingQuit);
        var no = Run(t.State, new AgentEvent.QuitAnswered(false, 5_100));
        Assert.False(no.State.ConfirmingQuit);
        Assert.Empty(no.Effects);
        Assert.NotNull(no.State.Find("s-1234567890"));
    }

    [Fact]
    public void Yes_quits_as_q_did_before()
    {
        var t = Run(Editing(), new AgentEvent.QuitRequested("q", 5_000), new AgentEvent.QuitAnswered(true, 5_100));
        Assert.Equal("agent_exit", Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(t.Sent())).Reason);
        Assert.IsType<AgentEffect.Exit>(t.Effects[^1]);
    }

    [Theory]
    [InlineData("ctrl-c")]
    [InlineData("sigterm")]
    [InlineData("hangup")]
    public void Ctrl_c_and_signals_quit_at_once(string why)
    {
        var t = Run(Editing(), new AgentEvent.QuitRequested(why, 5_000));
        Assert.IsType<AgentEffect.Exit>(t.Effects[^1]);
    }

    [Fact]
    public void Q_with_nothing_open_quits_at_once()
    {
        var t = Run(Connected(), new AgentEvent.QuitRequested("q", 5_000));
        Assert.Equal(new AgentEffect.Exit(0), t.Effects[^1]);
    }
}

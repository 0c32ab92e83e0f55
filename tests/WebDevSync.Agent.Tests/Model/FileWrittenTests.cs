using static WebDevSync.Agent.Tests.Model.Fixtures;

namespace WebDevSync.Agent.Tests.Model;

/// <summary>
/// An editor starts only on a file that is there: the reducer asks for the file and launches the editor
/// when the shell reports it written (<see cref="AgentEvent.FileWritten"/>), and a write that fails
/// closes the session with no editor (the shell decides nothing).
/// </summary>
public sealed class FileWrittenTests
{
    private const string Id = "s-1234567890";

    [Fact]
    public void An_edit_request_writes_the_file_and_starts_no_editor_until_it_is_written()
    {
        var asked = Step(AgentTransition.Of(Connected()), Receive(Request(Id)));
        Assert.Single(asked.Effects.OfType<AgentEffect.WriteFile>());
        Assert.Empty(asked.Effects.OfType<AgentEffect.LaunchEditor>());

        var written = Step(asked, new AgentEvent.FileWritten(Id, 2_050));
        Assert.Equal(Id, Assert.Single(written.Effects.OfType<AgentEffect.LaunchEditor>()).SessionId);

        var again = Step(written, new AgentEvent.FileWritten(Id, 2_060));
        Assert.Single(again.Effects.OfType<AgentEffect.LaunchEditor>());
    }

    [Fact]
    public void A_file_that_could_not_be_written_starts_no_editor_and_closes_the_session()
    {
        var asked = Step(AgentTransition.Of(Connected()), Receive(Request(Id)));
        var failed = Step(asked, new AgentEvent.FileWriteFailed(Id, "UnauthorizedAccessException", 2_050));
        Assert.Empty(failed.Effects.OfType<AgentEffect.LaunchEditor>());
        var closed = Assert.IsType<ClientMessage.SessionClosed>(Assert.Single(failed.Sent()));
        Assert.Equal((Id, "file_failed"), (closed.SessionId, closed.Reason));
        Assert.Null(failed.State.Find(Id));

        Assert.Empty(Step(failed, new AgentEvent.FileWritten(Id, 2_060)).Effects.OfType<AgentEffect.LaunchEditor>());
    }

    [Fact]
    public void A_GhostText_field_opens_only_once_its_file_is_written()
    {
        var asked = Step(AgentTransition.Of(Connected(Settings("ghosttext"))), Receive(Request(Id)));
        Assert.Empty(asked.Effects.OfType<AgentEffect.OpenGhostText>());
        Assert.Single(Step(asked, new AgentEvent.FileWritten(Id, 2_050)).Effects.OfType<AgentEffect.OpenGhostText>());
    }

    [Fact]
    public void A_reopened_session_whose_editor_handed_the_file_over_starts_one_once_its_file_is_rewritten()
    {
        var exited = Run(Connected(), Receive(Request(Id)), new AgentEvent.EditorStarted(Id, "code", 2_100),
            new AgentEvent.EditorExited(Id, 0, null, 2_200));
        Assert.Equal(SessionPhase.Detached, exited.State.Find(Id)!.Phase);
        var reopened = Step(AgentTransition.Of(exited.State), Receive(Request(Id, "let b = 2;"), 2_300));
        Assert.Equal("let b = 2;", Assert.Single(reopened.Effects.OfType<AgentEffect.WriteFile>()).Content);
        Assert.Empty(reopened.Effects.OfType<AgentEffect.LaunchEditor>());
        Assert.Single(Step(reopened, new AgentEvent.FileWritten(Id, 2_350)).Effects.OfType<AgentEffect.LaunchEditor>());
    }
}

using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>
/// What the agent needs from a user interface: show a state, turn keys into events, and give the
/// terminal to a foreground editor for a while. Terminal.Gui (<see cref="TerminalGuiView"/>) and plain log lines implement it;
/// another terminal library could replace either.
/// </summary>
public interface IAgentView : IAsyncDisposable
{
    /// <summary>Begins drawing and reading keys; keys arrive through <paramref name="post"/>.</summary>
    void Start(Action<AgentEvent> post);

    /// <summary>Shows <paramref name="state"/>. Called after every step, so it must be cheap.</summary>
    void Show(AgentState state);

    /// <summary>Stops drawing and reading keys and restores the terminal, until the result is disposed.</summary>
    Task<IAsyncDisposable> StepAsideAsync();
}

using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>For scripts, services and CI: each new log entry printed as one line, nothing else.</summary>
public sealed class HeadlessView(TextWriter output) : IAgentView
{
    private long _printed;

    public void Start(Action<AgentEvent> post) { }

    public void Show(AgentState state)
    {
        foreach (var entry in state.Log)
        {
            if (entry.Seq <= _printed) continue;
            _printed = entry.Seq;
            if (entry.Level == LogLevel.Debug && !state.Debug) continue;
            output.WriteLine(ShownText.Of(entry.Text));
        }
        output.Flush();
    }

    public Task<IAsyncDisposable> StepAsideAsync() => Task.FromResult<IAsyncDisposable>(new Nothing());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

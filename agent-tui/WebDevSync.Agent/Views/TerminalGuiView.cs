using Terminal.Gui.App;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>
/// The full-screen UI on Terminal.Gui, on a thread of its own. The state arrives through
/// <see cref="Show"/> and is laid on the screen on the UI thread (coalesced: one pending update at a
/// time, plus a redraw every second for the reconnect countdown). Stepping aside ends the
/// Terminal.Gui application, which restores the terminal, so a foreground editor gets all of it; coming
/// back starts a new one and draws the current state, so the screen returns intact.
/// </summary>
public sealed class TerminalGuiView : IAgentView
{
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _back = new(true);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _asideReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile AgentState? _state;
    private volatile bool _stopping;
    private IApplication? _app;
    private AgentScreen? _screen;
    private int _updateQueued;
    private Action<AgentEvent> _post = _ => { };
    private Thread? _thread;

    public void Start(Action<AgentEvent> post)
    {
        _post = post;
        _thread = new Thread(RunLoop) { IsBackground = true, Name = "terminal-ui" };
        _thread.Start();
    }

    public void Show(AgentState state)
    {
        _state = state;
        IApplication? app;
        lock (_gate) app = _app;
        if (app is null || Interlocked.Exchange(ref _updateQueued, 1) == 1) return;
        app.Invoke(() =>
        {
            Interlocked.Exchange(ref _updateQueued, 0);
            Draw();
        });
    }

    private void Draw()
    {
        if (_state is { } s) _screen?.Apply(ViewModel.From(s));
    }

    public async Task<IAsyncDisposable> StepAsideAsync()
    {
        _asideReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _back.Reset();
        Stop();
        await Task.WhenAny(_asideReached.Task, _ended.Task, Task.Delay(TimeSpan.FromSeconds(5)));
        return new Return(this);
    }

    private sealed class Return(TerminalGuiView view) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            view._back.Set();
            return ValueTask.CompletedTask;
        }
    }

    private void RunLoop()
    {
        try
        {
            while (!_stopping)
            {
                _back.Wait();
                if (_stopping) break;
                RunOnce();
                if (!_back.IsSet) _asideReached.TrySetResult();
            }
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    /// <summary>One Terminal.Gui application, from taking the terminal to handing it back.</summary>
    private void RunOnce()
    {
        using var app = Application.Create();
        app.Init();
        using var screen = new AgentScreen(app, _post);
        lock (_gate) (_app, _screen) = (app, screen);
        try
        {
            Draw();
            app.AddTimeout(TimeSpan.FromSeconds(1), () => { Draw(); return true; });
            if (!_stopping && _back.IsSet) app.Run(screen);
        }
        finally
        {
            lock (_gate) (_app, _screen) = (null, null);
        }
    }

    private void Stop()
    {
        IApplication? app;
        lock (_gate) app = _app;
        app?.Invoke(() => app.RequestStop());
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _back.Set();
        Stop();
        await Task.WhenAny(_ended.Task, Task.Delay(TimeSpan.FromSeconds(3)));
    }
}

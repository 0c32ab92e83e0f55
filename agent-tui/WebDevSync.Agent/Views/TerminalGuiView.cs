using Terminal.Gui.App;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>
/// The full-screen UI on Terminal.Gui, on a thread of its own. The state arrives through
/// <see cref="Show"/>, which only records it: the UI thread picks it up on a short timer of its own
/// (coalesced, plus a redraw every second for the reconnect countdown). The agent's loop never calls
/// into Terminal.Gui: a dialog's modal loop runs inside Terminal.Gui's timer lock, so an
/// <c>Invoke</c> from the agent's loop while a dialog was open blocked that loop for good, and with it
/// every later event, SIGHUP and SIGTERM included. Stepping aside ends the
/// Terminal.Gui application, which restores the terminal, so a foreground editor gets all of it; coming
/// back starts a new one and draws the current state, so the screen returns intact.
/// </summary>
public sealed class TerminalGuiView : IAgentView
{
    private readonly ManualResetEventSlim _back = new(true);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _asideReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile AgentState? _state;
    private volatile bool _stopping;
    private AgentScreen? _screen; // touched on the UI thread only
    private int _dirty;
    private volatile bool _stopRequested;
    private Action<AgentEvent> _post = _ => { };
    private Thread? _thread;

    public void Start(Action<AgentEvent> post)
    {
        _post = post;
        _thread = new Thread(RunLoop) { IsBackground = true, Name = "terminal-ui" };
        _thread.Start();
    }

    /// <summary>How soon the UI thread lays a new state on the screen.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public void Show(AgentState state)
    {
        _state = state;
        Volatile.Write(ref _dirty, 1);
    }

    /// <summary>On the UI thread: a pending stop first, else the newest state if it changed.</summary>
    private bool OnPoll(IApplication app)
    {
        if (_stopRequested) app.RequestStop();
        else if (Interlocked.Exchange(ref _dirty, 0) == 1) Draw();
        return true;
    }

    private void Draw()
    {
        if (_state is { } s) _screen?.Apply(ViewModel.From(s));
    }

    public async Task<IAsyncDisposable> StepAsideAsync()
    {
        _asideReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _back.Reset();
        _stopRequested = true;
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
                _stopRequested = false;
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
        _screen = screen;
        try
        {
            Volatile.Write(ref _dirty, 0);
            Draw();
            app.AddTimeout(Poll, () => OnPoll(app));
            app.AddTimeout(TimeSpan.FromSeconds(1), () => { Draw(); return true; });
            if (!_stopping && _back.IsSet) app.Run(screen);
        }
        finally
        {
            _screen = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _stopRequested = true;
        _back.Set();
        await Task.WhenAny(_ended.Task, Task.Delay(TimeSpan.FromSeconds(3)));
    }
}

using Spectre.Console;
using WebDevSync.Agent.Model;

namespace WebDevSync.Agent.Views;

/// <summary>
/// The full-screen terminal UI: a Spectre.Console live display on the alternate screen, redrawn when
/// the state changes (at most ~20 times a second) and every second for the countdown, plus a key
/// reader. Stepping aside leaves the alternate screen and stops reading keys so an editor can have
/// the terminal; coming back redraws everything.
/// </summary>
public sealed class SpectreView : IAgentView
{
    private const string EnterScreen = "\u001b[?1049h\u001b[?25l\u001b[H\u001b[2J";
    private const string LeaveScreen = "\u001b[?25h\u001b[?1049l";
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private readonly SemaphoreSlim _changed = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private volatile AgentState? _state;
    private volatile bool _aside;
    private TaskCompletionSource _asideReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<AgentEvent> _post = _ => { };
    private Task _drawer = Task.CompletedTask;
    private Thread? _keys;

    public void Start(Action<AgentEvent> post)
    {
        _post = post;
        try { Console.TreatControlCAsInput = true; } // Ctrl-C becomes a key: quit the same way as q
        catch (IOException) { }
        // Whatever happens, the terminal is handed back usable.
        AppDomain.CurrentDomain.UnhandledException += (_, _) => Console.Out.Write(LeaveScreen);
        _drawer = Task.Run(DrawLoopAsync);
        _keys = new Thread(ReadKeys) { IsBackground = true, Name = "keys" };
        _keys.Start();
    }

    public void Show(AgentState state)
    {
        var old = _state;
        _state = state;
        // A clock tick alone changes only the countdown, which the once-a-second redraw keeps current.
        if (old is not null && old with { NowMs = 0 } == state with { NowMs = 0 }) return;
        if (_changed.CurrentCount < 2) _changed.Release();
    }

    public async Task<IAsyncDisposable> StepAsideAsync()
    {
        _asideReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _aside = true;
        _changed.Release();
        await _asideReached.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        return new Return(this);
    }

    private sealed class Return(SpectreView view) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            view._aside = false;
            view._changed.Release();
            return ValueTask.CompletedTask;
        }
    }

    private async Task DrawLoopAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            if (_aside)
            {
                _asideReached.TrySetResult();
                await WaitAsync(TimeSpan.FromMilliseconds(100), ct);
                continue;
            }
            Console.Out.Write(EnterScreen);
            Console.Out.Flush();
            try
            {
                await _console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Crop).Cropping(VerticalOverflowCropping.Bottom)
                    .StartAsync(async ctx =>
                    {
                        var size = (Console.WindowWidth, Console.WindowHeight);
                        while (!_aside && !ct.IsCancellationRequested)
                        {
                            await WaitAsync(TimeSpan.FromSeconds(1), ct);
                            await Task.Delay(50, CancellationToken.None); // coalesce bursts of changes
                            var now = (Console.WindowWidth, Console.WindowHeight);
                            if (now != size) { Console.Out.Write("\u001b[H\u001b[2J"); size = now; }
                            ctx.UpdateTarget(Render());
                            ctx.Refresh();
                        }
                    });
            }
            finally
            {
                Console.Out.Write(LeaveScreen);
                Console.Out.Flush();
            }
        }
    }

    private Spectre.Console.Rendering.IRenderable Render() =>
        _state is { } s ? Screen.Build(ViewModel.From(s), Console.WindowWidth, Console.WindowHeight) : new Text("starting…");

    private async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await _changed.WaitAsync(timeout, ct); }
        catch (OperationCanceledException) { }
    }

    private void ReadKeys()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (_aside || !Console.KeyAvailable) { Thread.Sleep(30); continue; }
                var key = Console.ReadKey(intercept: true);
                if (Keys.ToEvent(key, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _state?.ShowHelp == true) is { } e) _post(e);
            }
            catch (InvalidOperationException)
            {
                Thread.Sleep(200); // no console to read (stdin redirected): keys simply are not available
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _changed.Release();
        await _drawer.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { });
        try { Console.TreatControlCAsInput = false; }
        catch (IOException) { }
        Console.Out.Write(LeaveScreen);
        Console.Out.Flush();
    }
}

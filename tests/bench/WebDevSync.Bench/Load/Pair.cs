using WebDevSync.Bench.Measure;

namespace WebDevSync.Bench.Load;

/// <summary>
/// One user: a browser end and an agent end doing closed-loop round trips. The browser sends an edit
/// request stamped with its send time; the agent, on receiving it, records the browser→agent hop and
/// answers at once with a code update stamped with its own send time; the browser records the
/// agent→browser hop and starts the next round trip.
/// </summary>
public sealed class Pair(IClientEnd browser, IClientEnd agent) : IAsyncDisposable
{
    public Samples ToAgent { get; } = new();
    public Samples ToBrowser { get; } = new();
    public long RoundTrips { get; private set; }
    public long Errors => _errors;
    private long _errors;

    /// <summary>The agent first, so the browser's user has a desktop when it connects.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        await agent.ConnectAsync(ct);
        await browser.ConnectAsync(ct);
    }

    public async Task RunAsync(RunClock clock, CancellationToken ct)
    {
        var agentLoop = AgentLoopAsync(clock, ct);
        try
        {
            await BrowserLoopAsync(clock, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref _errors);
        }
        await CancelAgentAsync(agentLoop);
    }

    private async Task BrowserLoopAsync(RunClock clock, CancellationToken ct)
    {
        while (!clock.Stopping)
        {
            await browser.SendAsync(Stamp.Now(), ct);
            while (true)
            {
                var m = await browser.ReceiveAsync(ct);
                if (m.Kind == InboundKind.CodeUpdate)
                {
                    var now = Stamp.Now();
                    if (m.Stamp < 0) Interlocked.Increment(ref _errors);
                    else if (clock.Recording)
                    {
                        ToBrowser.Add(Stamp.Micros(m.Stamp, now));
                        RoundTrips++;
                    }
                    break;
                }
                if (m.Kind == InboundKind.Error) { Interlocked.Increment(ref _errors); break; }
                if (m.Kind == InboundKind.Closed) { Interlocked.Increment(ref _errors); return; }
            }
        }
    }

    private readonly CancellationTokenSource _agentStop = new();

    private async Task AgentLoopAsync(RunClock clock, CancellationToken outer)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _agentStop.Token);
        var ct = linked.Token;
        try
        {
            while (true)
            {
                var m = await agent.ReceiveAsync(ct);
                switch (m.Kind)
                {
                    case InboundKind.EditRequest:
                        var now = Stamp.Now();
                        if (m.Stamp < 0) Interlocked.Increment(ref _errors);
                        else if (clock.Recording) ToAgent.Add(Stamp.Micros(m.Stamp, now));
                        await agent.SendAsync(Stamp.Now(), ct);
                        break;
                    case InboundKind.Error:
                        Interlocked.Increment(ref _errors);
                        break;
                    case InboundKind.Closed:
                        if (!clock.Stopping) Interlocked.Increment(ref _errors);
                        return;
                }
            }
        }
        catch (Exception) when (ct.IsCancellationRequested) { }
        catch (Exception)
        {
            if (!clock.Stopping) Interlocked.Increment(ref _errors);
        }
    }

    /// <summary>The browser loop is done, so the agent has nothing more to answer: stop its receive.</summary>
    private async Task CancelAgentAsync(Task agentLoop)
    {
        _agentStop.Cancel();
        await agentLoop;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        await agent.DisposeAsync();
        _agentStop.Dispose();
    }
}

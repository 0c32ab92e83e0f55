namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>
/// A client's connection loop as the browser library and the agent run it: connect to a node (the next live
/// one, as a balancer would pick), serve until the connection drops, wait a jittered backoff, connect again,
/// forever until stopped. The backoff is short here (100 ms doubling to 1 s) so a suite stays quick.
/// </summary>
public abstract class Reconnecting : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<IReadOnlyList<Node>> _nodes;
    private Task _loop = Task.CompletedTask;
    private int _next;

    protected Reconnecting(Func<IReadOnlyList<Node>> nodes, int firstNode) => (_nodes, _next) = (nodes, firstNode);

    /// <summary>When the current connection was acknowledged (null while not connected).</summary>
    public DateTime? ServedSince { get; private set; }

    public int Connects { get; private set; }

    /// <summary>Unexpected exceptions of the client's own code (must stay empty).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Faults { get; } = new();

    protected CancellationToken Stopping => _stop.Token;

    public void Start() => _loop = Task.Run(LoopAsync);

    private async Task LoopAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            var nodes = _nodes();
            if (nodes.Count > 0)
            {
                var node = nodes[_next++ % nodes.Count];
                try
                {
                    var (client, _) = await JsonWsClient.TryConnectAsync(node.WsUrl, timeout: TimeSpan.FromSeconds(5));
                    if (client is not null)
                    {
                        await using (client)
                        {
                            if (await ConnectAsync(client))
                            {
                                Connects++;
                                ServedSince = DateTime.UtcNow;
                                backoff = TimeSpan.FromMilliseconds(100);
                                await ServeAsync(client);
                            }
                        }
                    }
                }
                catch (Exception e) when (e is ConnectionClosedException or TimeoutException or OperationCanceledException or System.Net.WebSockets.WebSocketException
                    or System.Net.Http.HttpRequestException or InvalidOperationException or IOException)
                {
                }
                catch (Exception e)
                {
                    Faults.Enqueue(e.ToString()); // a bug of the client itself: the test reports it
                }
                ServedSince = null;
            }
            try
            {
                await Task.Delay(backoff * (0.5 + Random.Shared.NextDouble() / 2), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
        }
    }

    /// <summary>Sends the connect message; true once acknowledged, false when refused.</summary>
    protected abstract Task<bool> ConnectAsync(JsonWsClient client);

    /// <summary>Serves the acknowledged connection until it drops or the client stops.</summary>
    protected abstract Task ServeAsync(JsonWsClient client);

    /// <summary>Reads frames until one of <paramref name="type"/>; false on an error frame first.</summary>
    protected static async Task<bool> AwaitAsync(JsonWsClient client, string type, Action<Frame>? other = null)
    {
        while (true)
        {
            var frame = await client.NextFrameAsync().WaitAsync(TimeSpan.FromSeconds(15));
            if (frame.Type == type) return true;
            if (frame.Type == "error") return false;
            other?.Invoke(frame);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(Timeouts.Wait);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}

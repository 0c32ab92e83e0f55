using System.Collections.Concurrent;

namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>
/// An agent that saves its tab's session over and over: each save is a <c>code_update</c> followed by a
/// ping, and counts as acknowledged when the pong comes back with no error before it (the relay answers a
/// connection's messages in order). After a reconnect it re-announces the session and saves on.
/// </summary>
public sealed class ReconnectingAgent(ReconnectingTab tab, Func<IReadOnlyList<Node>> nodes, int firstNode) : Reconnecting(nodes, firstNode)
{
    private int _n;
    private volatile bool _asked;

    public string ClientId => $"{tab.UserId}-agent";

    /// <summary>The texts of acknowledged saves, in order.</summary>
    public ConcurrentQueue<string> Acknowledged { get; } = new();

    /// <summary>Saves paused (false): the workload stops so the last acknowledged save can be checked at the tab.</summary>
    public volatile bool Saving = true;

    /// <summary>
    /// Set by the save loop once it saw <see cref="Saving"/> off with no save in flight; cleared by whoever pauses
    /// saves (before clearing <see cref="Saving"/>), so a save already sent is answered before the check reads the newest.
    /// </summary>
    public volatile bool Quiet;

    public TimeSpan Pace { get; init; } = TimeSpan.FromMilliseconds(50);

    public string? NewestAcknowledged => Acknowledged.LastOrDefault();

    protected override async Task<bool> ConnectAsync(JsonWsClient client)
    {
        await client.SendAsync(_asked ? Msg.DesktopConnect(ClientId, tab.UserId, [new Announced(tab.SessionId, "code-1", "js", tab.ClientId)]) : Msg.DesktopConnect(ClientId, tab.UserId));
        return await AwaitAsync(client, "connection_ack");
    }

    private static Task<Frame> NextAsync(JsonWsClient client) => client.NextFrameAsync().WaitAsync(TimeSpan.FromSeconds(15));

    protected override async Task ServeAsync(JsonWsClient client)
    {
        if (!_asked) _asked = await AwaitAsync(client, "edit_request");
        while (!Stopping.IsCancellationRequested)
        {
            if (!Saving)
            {
                Quiet = true;
                await client.AssertNothingPendingAsync();
                await Task.Delay(Pace, Stopping);
                continue;
            }
            var text = $"{tab.UserId} v{Interlocked.Increment(ref _n)}";
            await client.SendAsync(Msg.CodeUpdate(tab.SessionId, "code-1", text));
            await client.SendAsync(Msg.Ping);
            var refused = false;
            for (var frame = await NextAsync(client); frame.Type != "pong"; frame = await NextAsync(client)) refused |= frame.Type == "error";
            if (!refused) Acknowledged.Enqueue(text);
            await Task.Delay(Pace, Stopping);
        }
    }
}

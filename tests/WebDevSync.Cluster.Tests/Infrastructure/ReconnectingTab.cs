using System.Collections.Concurrent;

namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>
/// A tab with one edit session: it opens the session once its agent is there, records every
/// <c>code_update</c> it is sent (in arrival order) and resumes with its newest seq after every reconnect.
/// </summary>
public sealed class ReconnectingTab(string userId, Func<IReadOnlyList<Node>> nodes, int firstNode) : Reconnecting(nodes, firstNode)
{
    public string UserId => userId;
    public string ClientId => $"{userId}-tab";
    public string SessionId => $"{userId}-s";

    /// <summary>Every update received: seq and text, in arrival order.</summary>
    public ConcurrentQueue<(long Seq, string Code)> Received { get; } = new();

    /// <summary>Every frame of another session or user (must stay empty).</summary>
    public ConcurrentQueue<string> Foreign { get; } = new();

    public volatile bool Opened;
    private long _seq;

    public string? Newest => Received.LastOrDefault().Code;

    protected override async Task<bool> ConnectAsync(JsonWsClient client)
    {
        await client.SendAsync(Interlocked.Read(ref _seq) > 0 ? Msg.BrowserResume(ClientId, UserId, SessionId, _seq) : Msg.BrowserConnect(ClientId, UserId));
        return await AwaitAsync(client, "connection_ack");
    }

    protected override async Task ServeAsync(JsonWsClient client)
    {
        var next = client.NextFrameAsync(); // one read outstanding: a read given up on would swallow the frame it gets
        while (!Stopping.IsCancellationRequested)
        {
            if (await Task.WhenAny(next, Task.Delay(500, Stopping)) != next)
            {
                await client.SendAsync(Msg.Ping); // as the library pings: a dead link shows
                continue;
            }
            var frame = await next;
            next = client.NextFrameAsync();
            switch (frame.Type)
            {
                case "desktop_status" when !Opened && frame.Json.Payload().GetProperty("connected").GetBoolean():
                    await client.SendAsync(Msg.EditRequest(SessionId, "code-1", $"{UserId} v0"));
                    break;
                case "edit_request" or "connection_ack":
                    break;
                case "code_update":
                    var p = frame.Json.Payload();
                    if (frame.Json.Str("sessionId") != SessionId || !p.Str("code").StartsWith(UserId + " ", StringComparison.Ordinal)) Foreign.Enqueue(frame.Short);
                    Received.Enqueue((p.GetProperty("seq").GetInt64(), p.Str("code")));
                    Interlocked.Exchange(ref _seq, p.GetProperty("seq").GetInt64());
                    Opened = true;
                    break;
            }
        }
    }
}

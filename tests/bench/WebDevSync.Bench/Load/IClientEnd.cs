namespace WebDevSync.Bench.Load;

public enum InboundKind { EditRequest, CodeUpdate, Error, Other, Closed }

/// <summary>What a client received: its kind and, for forwarded requests and updates, the sender's stamp.</summary>
public readonly record struct Inbound(InboundKind Kind, long Stamp)
{
    public static readonly Inbound Closed = new(InboundKind.Closed, -1);
}

public enum EndRole { Browser, Agent }

/// <summary>Who one pair is: its user, and the ids both relays key on.</summary>
public sealed record PairIdentity(string User)
{
    public string BrowserId => "b-" + User;
    public string AgentId => "d-" + User;
    public string SessionId => "s-" + User;
    public string TextareaId => "t-" + User;
}

/// <summary>
/// One client connection of the benchmark over some transport. A browser end sends edit requests, an
/// agent end code updates; both for the pair's one session, with the given stamp in the code.
/// </summary>
public interface IClientEnd : IAsyncDisposable
{
    /// <summary>Opens the connection, sends the connect message and waits for its acknowledgement.</summary>
    Task ConnectAsync(CancellationToken ct);

    /// <summary>Browser: an edit_request; agent: a code_update. One send at a time.</summary>
    ValueTask SendAsync(long stamp, CancellationToken ct);

    /// <summary>The next message (one receive at a time).</summary>
    ValueTask<Inbound> ReceiveAsync(CancellationToken ct);
}

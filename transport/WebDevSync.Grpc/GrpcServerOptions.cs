namespace WebDevSync.Grpc;

/// <summary>Per-service settings of the wire layer.</summary>
public sealed record GrpcServerOptions
{
    /// <summary>Largest request message accepted; larger ones end the call with RESOURCE_EXHAUSTED. gRPC's default is 4 MiB.</summary>
    public long MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; a handler writing a larger one gets RESOURCE_EXHAUSTED.</summary>
    public long MaxSendMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Which browser origins may call over gRPC-Web (CORS). Default: any origin.</summary>
    public Func<string, bool> IsOriginAllowed { get; init; } = static _ => true;

    /// <summary>Extra response headers browsers may read, besides grpc-status/grpc-message.</summary>
    public IReadOnlyList<string> ExposedHeaders { get; init; } = [];

    /// <summary>Called once per finished call (for metrics and tests); must not throw.</summary>
    public Action<GrpcCallInfo>? OnCallCompleted { get; init; }
}

/// <summary>What one finished call looked like from the server.</summary>
public sealed record GrpcCallInfo(string Method, Wire.GrpcProtocol Protocol, GrpcStatus Status, bool ClientAborted);

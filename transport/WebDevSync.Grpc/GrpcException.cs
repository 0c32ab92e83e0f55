namespace WebDevSync.Grpc;

/// <summary>
/// Thrown by a handler (or by the layer while reading a request) to end the call with a status.
/// The call dispatcher is the single place that catches it and turns it into trailers.
/// </summary>
public sealed class GrpcException(GrpcStatus status) : Exception(status.ToString())
{
    public GrpcException(GrpcStatusCode code, string detail = "") : this(new GrpcStatus(code, detail)) { }

    public GrpcStatus Status { get; } = status;
}

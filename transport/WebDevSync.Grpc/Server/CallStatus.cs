namespace WebDevSync.Grpc.Server;

/// <summary>Maps how a handler ended to the status the client gets. Pure, so the rules are testable.</summary>
internal static class CallStatus
{
    public static GrpcStatus FromException(Exception exception, bool deadlineExpired, bool clientAborted) => exception switch
    {
        GrpcException grpc => grpc.Status,
        _ when deadlineExpired => new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline exceeded"),
        _ when clientAborted => new GrpcStatus(GrpcStatusCode.Cancelled, "Call cancelled by the client"),
        _ => new GrpcStatus(GrpcStatusCode.Unknown, "Exception was thrown by handler."),
    };
}

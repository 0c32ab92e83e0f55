using Microsoft.Extensions.Logging;

namespace WebDevSync.Grpc;

/// <summary>Source-generated log messages of the wire layer. Never logs message contents or metadata values.</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "gRPC call {Method} ({Protocol}) ended with {Code} after {ElapsedMs} ms")]
    public static partial void CallEnded(ILogger logger, string method, Wire.GrpcProtocol protocol, GrpcStatusCode code, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "gRPC handler for {Method} threw; the call ends with UNKNOWN")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "gRPC call {Method} could not send its status; the client is gone")]
    public static partial void StatusNotSent(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "gRPC request for unknown path {Path} answered UNIMPLEMENTED")]
    public static partial void Unimplemented(ILogger logger, string path);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Non-gRPC request to {Path} with content type {ContentType} answered {HttpStatus}")]
    public static partial void NotGrpc(ILogger logger, string path, string? contentType, int httpStatus);
}

using Microsoft.Extensions.Logging;

namespace WebDevSync.Server.GrpcApi;

/// <summary>The gRPC adapter's log messages (ids from 100, beside <c>Log</c>'s). Never a message's content or a token.</summary>
internal static partial class GrpcLog
{
    [LoggerMessage(100, LogLevel.Error, "gRPC call {Method} failed with a bug; the caller got INTERNAL")]
    public static partial void CallFailed(ILogger logger, Exception e, string method);
}

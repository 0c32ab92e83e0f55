using Microsoft.Extensions.Logging;

namespace WebDevSync.Server;

/// <summary>Source-generated log messages. None carries users' code or tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Critical, "Router bug while handling {InputType}; the input was dropped")]
    public static partial void RouterBug(ILogger logger, Exception e, string inputType);

    [LoggerMessage(2, LogLevel.Information, "WebDevSync listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(3, LogLevel.Debug, "Connection {Conn} opened from {Remote}")]
    public static partial void Opened(ILogger logger, string conn, string? remote);

    [LoggerMessage(4, LogLevel.Debug, "Connection {Conn} closed")]
    public static partial void Closed(ILogger logger, string conn);

    [LoggerMessage(5, LogLevel.Warning, "Connection {Conn} failed: {Reason}")]
    public static partial void ConnectionFailed(ILogger logger, string conn, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Connection {Conn} closed as a slow reader (outgoing queue full)")]
    public static partial void SlowReader(ILogger logger, string conn);

    [LoggerMessage(7, LogLevel.Information, "Shutting down: closing {Count} connections")]
    public static partial void ShuttingDown(ILogger logger, int count);

    [LoggerMessage(8, LogLevel.Information, "Metrics: browsers={Browsers} agents={Agents} users={Users} sessions={Sessions} received={Received} sent={Sent} errors={Errors}")]
    public static partial void Metrics(ILogger logger, int browsers, int agents, int users, int sessions, long received, long sent, long errors);

    [LoggerMessage(9, LogLevel.Warning, "No session secret configured: running WITHOUT authentication (fine on loopback for local development; set SESSION_SECRET otherwise)")]
    public static partial void OpenMode(ILogger logger);

    [LoggerMessage(10, LogLevel.Warning, "Session store: {Problem}")]
    public static partial void StoreProblem(ILogger logger, string problem);
}

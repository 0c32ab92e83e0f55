namespace WebDevSync.Core.Protocol;

/// <summary>Stable error codes carried in <c>payload.code</c> of an <c>error</c> message.</summary>
public enum ErrorCode
{
    InvalidMessage,
    UnknownType,
    NotConnected,
    NoDesktop,
    SessionNotFound,
    Forbidden,
    PayloadTooLarge,
    RateLimited,
    Unauthenticated,
    Internal,
}

public static class ErrorCodes
{
    /// <summary>The wire spelling, e.g. <c>SESSION_NOT_FOUND</c> (seed: "Error messages").</summary>
    public static string Wire(this ErrorCode code) => code switch
    {
        ErrorCode.InvalidMessage => "INVALID_MESSAGE",
        ErrorCode.UnknownType => "UNKNOWN_TYPE",
        ErrorCode.NotConnected => "NOT_CONNECTED",
        ErrorCode.NoDesktop => "NO_DESKTOP",
        ErrorCode.SessionNotFound => "SESSION_NOT_FOUND",
        ErrorCode.Forbidden => "FORBIDDEN",
        ErrorCode.PayloadTooLarge => "PAYLOAD_TOO_LARGE",
        ErrorCode.RateLimited => "RATE_LIMITED",
        ErrorCode.Unauthenticated => "UNAUTHENTICATED",
        ErrorCode.Internal => "INTERNAL",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    public static ErrorCode? FromWire(string? wire) =>
        Enum.GetValues<ErrorCode>().Select(c => (ErrorCode?)c).FirstOrDefault(c => c!.Value.Wire() == wire);
}

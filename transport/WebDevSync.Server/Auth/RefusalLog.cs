using Microsoft.Extensions.Logging;

namespace WebDevSync.Server.Auth;

/// <summary>
/// Refused handshakes, logged so an operator sees why a page or agent cannot connect (ids from 200,
/// beside <c>Log</c>'s and <c>GrpcLog</c>'s). Never a token: only the address, the page's origin and
/// the reason the client was given.
/// </summary>
internal static partial class RefusalLog
{
    private const int MaxOriginChars = 200;

    [LoggerMessage(200, LogLevel.Information, "Handshake refused from {Remote} (origin {Origin}): {Status} {Reason}")]
    public static partial void Refused(ILogger logger, string remote, string origin, int status, string reason);

    /// <summary>The Origin header as sent is the peer's text: shown without control characters, cut short, "-" when absent.</summary>
    public static string Printable(string origin)
    {
        if (origin.Length == 0) return "-";
        var cut = origin.Length > MaxOriginChars ? origin[..MaxOriginChars] + "…" : origin;
        return string.Concat(cut.Select(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '?' : c));
    }
}

namespace WebDevSync.Core.Protocol;

/// <summary>Bounds on every field a client sends, whatever the wire form, so no single field can grow without limit.</summary>
public static class Limits
{
    public const int MaxIdLength = 128;
    public const int MaxTextareaIdLength = 256;
    public const int MaxFileTypeLength = 32;
    public const int MaxReasonLength = 256;
    public const int MaxListedSessions = 1024;
    /// <summary>Deep nesting is refused early (JSON bombs); the protocol needs four levels.</summary>
    public const int MaxDepth = 16;
    /// <summary>Edits one change may carry (README "Edits"); a change with more is sent whole.</summary>
    public const int MaxEditsPerChange = 1024;

    /// <summary>
    /// Whether code is over <paramref name="maxBytes"/> in UTF-8, the unit of the transports' message
    /// limit; counted only when its length in chars leaves it in doubt (a char is 1 to 3 bytes).
    /// </summary>
    public static bool CodeTooLarge(string code, int maxBytes) =>
        code.Length > maxBytes || ((long)code.Length * 3 > maxBytes && System.Text.Encoding.UTF8.GetByteCount(code) > maxBytes);

    public static string CodeTooLargeMessage(string field, int maxBytes) => $"{field} is larger than {maxBytes} bytes (UTF-8)";
}

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
}

namespace WebDevSync.Grpc.Wire;

/// <summary>Which of the three wire forms a request uses; it decides framing of trailers and body encoding.</summary>
public enum GrpcProtocol
{
    /// <summary>application/grpc over HTTP/2, status in HTTP trailers.</summary>
    Native,
    /// <summary>application/grpc-web: any HTTP version, trailers as a body frame flagged 0x80.</summary>
    Web,
    /// <summary>application/grpc-web-text: like <see cref="Web"/> but both bodies are base64.</summary>
    WebText,
}

internal static class GrpcContentType
{
    public const string Native = "application/grpc";
    public const string Web = "application/grpc-web";
    public const string WebText = "application/grpc-web-text";

    /// <summary>Classifies a Content-Type; null when it is not a gRPC one (the caller answers 415).</summary>
    public static GrpcProtocol? Classify(string? contentType)
    {
        var media = MediaType(contentType);
        if (Matches(media, WebText)) return GrpcProtocol.WebText;
        if (Matches(media, Web)) return GrpcProtocol.Web;
        if (Matches(media, Native)) return GrpcProtocol.Native;
        return null;
    }

    /// <summary>The Content-Type to answer with: gRPC-Web peers get their own media type back.</summary>
    public static string ForResponse(GrpcProtocol protocol, string? requestContentType) => protocol switch
    {
        GrpcProtocol.Native => Native,
        _ => MediaType(requestContentType),
    };

    private static string MediaType(string? contentType)
    {
        if (contentType is null) return "";
        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
    }

    // "application/grpc" matches itself and "application/grpc+proto", never "application/grpc-web".
    private static bool Matches(string media, string baseType) =>
        media == baseType || (media.StartsWith(baseType, StringComparison.Ordinal) && media[baseType.Length] == '+');
}

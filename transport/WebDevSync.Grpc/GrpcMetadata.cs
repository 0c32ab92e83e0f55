namespace WebDevSync.Grpc;

/// <summary>Custom-metadata helpers: "-bin" keys carry base64 values (padded or not on input, unpadded on output).</summary>
public static class GrpcMetadata
{
    public static bool IsBinaryKey(string key) => key.EndsWith("-bin", StringComparison.OrdinalIgnoreCase);

    public static string EncodeBinary(ReadOnlySpan<byte> value) => Convert.ToBase64String(value).TrimEnd('=');

    /// <summary>Decodes one binary value; null when it is not base64 (a peer's bad input is data, not an exception).</summary>
    public static byte[]? DecodeBinary(string value)
    {
        var trimmed = value.Trim().TrimEnd('=');
        var padded = trimmed.PadRight(trimmed.Length + (4 - trimmed.Length % 4) % 4, '=');
        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}

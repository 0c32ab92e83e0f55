using System.Text;

namespace WebDevSync.Grpc.Wire;

/// <summary>
/// Percent-encoding of <c>grpc-message</c> exactly as PROTOCOL-HTTP2.md defines it: UTF-8, then every byte
/// outside 0x20–0x7E, and '%' itself, becomes %XX. (Uri.EscapeDataString would also escape spaces and
/// punctuation, which peers then show verbatim.)
/// </summary>
internal static class StatusMessageEncoding
{
    private const string Hex = "0123456789ABCDEF";

    public static string Encode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        if (Array.TrueForAll(bytes, b => !NeedsEscape(b))) return message;
        var text = new StringBuilder(bytes.Length + 16);
        foreach (var b in bytes)
        {
            if (NeedsEscape(b)) text.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            else text.Append((char)b);
        }
        return text.ToString();
    }

    /// <summary>Decodes valid %XX escapes and leaves broken ones as they are (the spec forbids failing).</summary>
    public static string Decode(string encoded)
    {
        if (!encoded.Contains('%')) return encoded;
        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%' && i + 2 < encoded.Length && TryHex(encoded[i + 1], out var hi) && TryHex(encoded[i + 2], out var lo))
            {
                bytes.Add((byte)(hi << 4 | lo));
                i += 2;
            }
            else if (c < 0x80) bytes.Add((byte)c);
            else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool NeedsEscape(byte b) => b < 0x20 || b > 0x7E || b == (byte)'%';

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}

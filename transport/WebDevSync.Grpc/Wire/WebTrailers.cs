using System.Buffers;
using System.Text;

namespace WebDevSync.Grpc.Wire;

/// <summary>
/// gRPC-Web sends trailers in the body: a frame flagged 0x80 whose payload is an HTTP/1 header block
/// ("name: value\r\n" lines, lower-case names, no terminating empty line).
/// </summary>
internal static class WebTrailers
{
    public static void WriteFrame(IBufferWriter<byte> output, IEnumerable<KeyValuePair<string, string>> trailers)
    {
        var block = new StringBuilder();
        foreach (var (name, value) in trailers)
            block.Append(name.ToLowerInvariant()).Append(": ").Append(value).Append("\r\n");
        MessageFraming.WriteFrame(output, MessageFraming.TrailerFlag, Encoding.ASCII.GetBytes(block.ToString()));
    }

    /// <summary>Parses a trailer frame's payload (used by tests and by anything reading gRPC-Web responses).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> payload)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var line in Encoding.ASCII.GetString(payload).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) result.Add(new(line[..colon].Trim().ToLowerInvariant(), line[(colon + 1)..].Trim()));
        }
        return result;
    }
}

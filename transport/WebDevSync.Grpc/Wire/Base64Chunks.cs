using System.Buffers;
using System.Buffers.Text;

namespace WebDevSync.Grpc.Wire;

/// <summary>
/// Base64 for application/grpc-web-text. A body is a concatenation of independently padded chunks
/// (PROTOCOL-WEB.md: padding may appear wherever the sender flushed), so decoding goes quad by quad and
/// a padded quad closes a chunk.
/// </summary>
internal static class Base64Chunks
{
    public enum DecodeResult { Ok, Invalid }

    /// <summary>
    /// Decodes every complete 4-character group of <paramref name="text"/> into <paramref name="output"/>;
    /// <paramref name="consumed"/> tells how many characters were used (the rest waits for more input).
    /// </summary>
    public static DecodeResult Decode(ReadOnlySpan<byte> text, IBufferWriter<byte> output, out int consumed)
    {
        consumed = 0;
        var complete = text.Length - text.Length % 4;
        var chunkStart = 0;
        for (var quad = 0; quad < complete; quad += 4)
        {
            var padded = text[quad + 3] == (byte)'=';
            var last = quad + 4 == complete;
            if (!padded && !last) continue;
            if (!DecodeChunk(text[chunkStart..(quad + 4)], output)) return DecodeResult.Invalid;
            chunkStart = quad + 4;
        }
        consumed = complete;
        return DecodeResult.Ok;
    }

    public static void Encode(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(bytes.Length));
        Base64.EncodeToUtf8(bytes, span, out _, out var written);
        output.Advance(written);
    }

    private static bool DecodeChunk(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(Base64.GetMaxDecodedFromUtf8Length(chunk.Length));
        var status = Base64.DecodeFromUtf8(chunk, span, out var used, out var written);
        if (status != OperationStatus.Done || used != chunk.Length) return false;
        output.Advance(written);
        return true;
    }
}

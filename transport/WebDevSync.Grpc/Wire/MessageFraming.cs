using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace WebDevSync.Grpc.Wire;

/// <summary>What one attempt to cut a length-prefixed message off the front of a buffer found.</summary>
internal abstract record FrameReadResult
{
    private FrameReadResult() { }

    /// <summary>Not enough bytes yet for the 5-byte prefix or the message it announces.</summary>
    public sealed record Incomplete : FrameReadResult;

    /// <summary>A whole frame; <see cref="Payload"/> is a slice of the input buffer (valid until it is advanced).</summary>
    public sealed record Message(byte Flags, ReadOnlySequence<byte> Payload) : FrameReadResult
    {
        public bool Compressed => (Flags & MessageFraming.CompressedFlag) != 0;
    }

    /// <summary>The prefix declares more than the configured limit; decided before the body arrives.</summary>
    public sealed record TooLarge(long DeclaredLength) : FrameReadResult;

    /// <summary>The flags byte has bits a request frame may not carry (anything but the compressed bit).</summary>
    public sealed record InvalidFlags(byte Flags) : FrameReadResult;
}

/// <summary>gRPC's Length-Prefixed-Message: 1 flags byte, 4-byte big-endian length, then the message.</summary>
internal static class MessageFraming
{
    public const int HeaderSize = 5;
    public const byte CompressedFlag = 0x01;
    public const byte TrailerFlag = 0x80;

    /// <summary>Cuts one frame off <paramref name="buffer"/> (which is advanced past it) when it is whole.</summary>
    public static FrameReadResult TryRead(ref ReadOnlySequence<byte> buffer, long maxMessageSize)
    {
        if (buffer.Length < HeaderSize) return new FrameReadResult.Incomplete();
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var flags = header[0];
        if ((flags & ~CompressedFlag) != 0) return new FrameReadResult.InvalidFlags(flags);
        long length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > maxMessageSize) return new FrameReadResult.TooLarge(length);
        if (buffer.Length < HeaderSize + length) return new FrameReadResult.Incomplete();
        var payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return new FrameReadResult.Message(flags, payload);
    }

    public static void WriteHeader(IBufferWriter<byte> output, byte flags, int length)
    {
        var span = output.GetSpan(HeaderSize);
        span[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
        output.Advance(HeaderSize);
    }

    /// <summary>Writes an uncompressed frame holding <paramref name="message"/>.</summary>
    public static void WriteMessage(IBufferWriter<byte> output, IMessage message)
    {
        WriteHeader(output, 0, message.CalculateSize());
        message.WriteTo(output);
    }

    public static void WriteFrame(IBufferWriter<byte> output, byte flags, ReadOnlySpan<byte> payload)
    {
        WriteHeader(output, flags, payload.Length);
        output.Write(payload);
    }
}

using System.Buffers.Binary;

namespace WebDevSync.Bench.Load;

/// <summary>Reads gRPC frames from a response stream into one reused buffer.</summary>
public sealed class FrameReader(Stream stream)
{
    private readonly byte[] _header = new byte[5];
    private byte[] _buffer = new byte[8192];

    public byte Flag { get; private set; }

    public ReadOnlySpan<byte> Message => _buffer.AsSpan(0, Length);

    public int Length { get; private set; }

    /// <summary>False at the end of the stream (or in the middle of a frame).</summary>
    public async ValueTask<bool> NextAsync(CancellationToken ct)
    {
        if (await stream.ReadAtLeastAsync(_header, 5, throwOnEndOfStream: false, ct) < 5) return false;
        Flag = _header[0];
        Length = (int)BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
        if (_buffer.Length < Length) _buffer = new byte[Math.Max(Length, _buffer.Length * 2)];
        return Length == 0 || await stream.ReadAtLeastAsync(_buffer.AsMemory(0, Length), Length, throwOnEndOfStream: false, ct) == Length;
    }
}

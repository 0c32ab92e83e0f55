using System.Buffers;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// Collects the fragments of one WebSocket message into a pooled buffer that grows up to a limit.
/// Past the limit it keeps counting but stores nothing, so the rest of the message is drained and the
/// connection stays usable. The buffer is rented when a message starts and returned when it is done,
/// so an idle connection holds none (the reader waits for a message with a zero-byte receive).
/// </summary>
internal sealed class FrameBuffer(int maxBytes) : IDisposable
{
    private const int InitialSize = 4096;
    private byte[] _buffer = [];
    private int _length;

    public bool Overflowed { get; private set; }

    public ReadOnlySequence<byte> Message => new(_buffer, 0, _length);

    /// <summary>Where the next fragment goes; after an overflow, a scratch area whose bytes are dropped.</summary>
    public Memory<byte> NextWindow()
    {
        if (_buffer.Length == 0) _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        if (Overflowed) return _buffer.AsMemory(0, Math.Min(_buffer.Length, 64 * 1024));
        if (_length == _buffer.Length) Grow();
        return _buffer.AsMemory(_length);
    }

    public void Advance(int count)
    {
        if (Overflowed) return;
        _length += count;
        if (_length > maxBytes) Overflowed = true;
    }

    /// <summary>Ready for the next message; the buffer goes back to the pool until one arrives.</summary>
    public void Reset()
    {
        _length = 0;
        Overflowed = false;
        Swap([]);
    }

    public void Dispose() => Swap([]);

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_buffer.Length * 2, InitialSize), maxBytes + 1));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        Swap(bigger);
    }

    private void Swap(byte[] next)
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}

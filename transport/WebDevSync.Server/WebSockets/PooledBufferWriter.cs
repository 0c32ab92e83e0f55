using System.Buffers;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// A buffer writer over arrays rented from <see cref="ArrayPool{T}.Shared"/>. Encoding a 1 MiB update
/// into an <see cref="ArrayBufferWriter{T}"/> allocated ~3 MB of fresh large-object arrays per message
/// (the JSON writer asks for the worst-case escaped size up front, and each growth copies), which made
/// the large-update path mostly garbage collection (docs/PERFORMANCE.md); here growth rents and
/// returns, and the pool keeps large arrays only until memory gets tight. Not thread-safe.
/// </summary>
internal sealed class PooledBufferWriter(int initialCapacity) : IBufferWriter<byte>
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public int Capacity => _buffer.Length;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _written) throw new InvalidOperationException("advanced past the buffer");
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        var room = Ensure(sizeHint); // first: it may swap the array
        return _buffer.AsMemory(_written, room);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var room = Ensure(sizeHint);
        return _buffer.AsSpan(_written, room);
    }

    /// <summary>Empties the buffer; one larger than <paramref name="largestKept"/> goes back to the pool.</summary>
    public void Reset(int largestKept)
    {
        _written = 0;
        if (_buffer.Length > largestKept) Swap(ArrayPool<byte>.Shared.Rent(initialCapacity));
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (1 when 0) and returns the room there is.</summary>
    private int Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written < needed)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(_written + needed), _buffer.Length * 2));
            _buffer.AsSpan(0, _written).CopyTo(bigger);
            Swap(bigger);
        }
        return _buffer.Length - _written;
    }

    private void Swap(byte[] next)
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }
}

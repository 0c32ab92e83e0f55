using System.Buffers;
using System.Runtime.CompilerServices;

namespace WebDevSync.Server.WebSockets.Direct;

/// <summary>
/// A read-ahead buffer between a direct connection's socket and its WebSocket. ManagedWebSocket reads a
/// frame header into a 139-byte buffer and then the payload into the caller's memory: two receives for a
/// 1 KiB message. Here one receive takes whatever has arrived (usually the whole message) and both reads
/// are served from memory. The buffer is rented only while it holds unread bytes, so an idle connection
/// holds none: a zero-byte read (the wait between messages) and a read at least as large as the buffer
/// go straight to the socket. Writes pass through. Not for concurrent reads (a WebSocket has one reader).
/// </summary>
internal sealed class ReadAheadStream(Stream inner, int size = ReadAheadStream.DefaultSize) : Stream
{
    public const int DefaultSize = 4096;

    private byte[]? _buffer;
    private int _start;
    private int _end;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_end > _start) return new(CopyOut(destination.Span));
        return destination.Length == 0 || destination.Length >= size ? inner.ReadAsync(destination, cancellationToken) : FillAsync(destination, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (_end > _start) return CopyOut(destination);
        if (destination.Length == 0 || destination.Length >= size) return inner.Read(destination);
        var rented = Rent();
        return Filled(inner.Read(rented, 0, size), destination);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(source, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // Left to the GC rather than returned: a read may still be completing on another thread.
        if (disposing) inner.Dispose();
        _buffer = null;
        base.Dispose(disposing);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> FillAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var rented = Rent();
        int received;
        try
        {
            received = await inner.ReadAsync(rented.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Release();
            throw;
        }
        return Filled(received, destination.Span);
    }

    private byte[] Rent() => _buffer = ArrayPool<byte>.Shared.Rent(size);

    private int Filled(int received, Span<byte> destination)
    {
        (_start, _end) = (0, received);
        if (received == 0)
        {
            Release(); // the peer closed: nothing to hold on to
            return 0;
        }
        return CopyOut(destination);
    }

    private int CopyOut(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        if (_start == _end) Release();
        return count;
    }

    private void Release()
    {
        if (_buffer is not { } rented) return;
        (_buffer, _start, _end) = (null, 0, 0);
        ArrayPool<byte>.Shared.Return(rented);
    }
}

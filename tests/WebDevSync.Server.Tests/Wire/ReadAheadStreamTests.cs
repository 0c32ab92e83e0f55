using WebDevSync.Server.WebSockets.Direct;

namespace WebDevSync.Server.Tests.Wire;

public sealed class ReadAheadStreamTests
{
    /// <summary>A socket stand-in that hands out its chunks one receive at a time and counts the receives.</summary>
    private sealed class ChunkedStream(params byte[][] chunks) : Stream
    {
        private readonly Queue<byte[]> _chunks = new(chunks);
        public int Receives, ZeroByteReads;
        public readonly List<int> Asked = [];

        public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
        {
            if (destination.Length == 0) { ZeroByteReads++; return new(0); }
            Receives++;
            Asked.Add(destination.Length);
            if (!_chunks.TryDequeue(out var chunk)) return new(0);
            var n = Math.Min(chunk.Length, destination.Length);
            chunk.AsSpan(0, n).CopyTo(destination.Span);
            if (n < chunk.Length) throw new InvalidOperationException("test chunks must fit the read");
            return new(n);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().Result;
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static byte[] Bytes(int count, byte start = 0) => [.. Enumerable.Range(start, count).Select(i => (byte)i)];

    [Fact]
    public async Task AFrameHeaderAndItsPayload_AreServedFromOneReceive()
    {
        var message = Bytes(1100); // a 1 KiB update: header, then payload, as ManagedWebSocket reads them
        var socket = new ChunkedStream(message);
        var stream = new ReadAheadStream(socket);

        var header = new byte[139];
        var payload = new byte[1100 - 139];
        Assert.Equal(139, await stream.ReadAsync(header));
        Assert.Equal(payload.Length, await stream.ReadAsync(payload));

        Assert.Equal(1, socket.Receives);
        Assert.Equal(message, header.Concat(payload));
    }

    [Fact]
    public async Task AZeroByteRead_GoesToTheSocket_WhenNothingIsBuffered_AndCompletesAtOnceWhenSomethingIs()
    {
        var socket = new ChunkedStream(Bytes(10));
        var stream = new ReadAheadStream(socket);

        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty)); // the wait between messages
        Assert.Equal(1, socket.ZeroByteReads);
        Assert.Equal(4, await stream.ReadAsync(new byte[4]));
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty)); // six bytes are waiting: no socket call
        Assert.Equal(1, socket.ZeroByteReads);
        Assert.Equal(6, await stream.ReadAsync(new byte[100]));
        Assert.Equal(1, socket.Receives);
    }

    [Fact]
    public async Task AReadAsLargeAsTheBuffer_GoesStraightIntoTheCallersMemory()
    {
        var socket = new ChunkedStream(Bytes(8000));
        var stream = new ReadAheadStream(socket, size: 4096);

        var big = new byte[8000];
        Assert.Equal(8000, await stream.ReadAsync(big));
        Assert.Equal([8000], socket.Asked);
    }

    [Fact]
    public async Task BytesSpreadOverSeveralReceives_ComeOutWholeAndInOrder_ThenTheEndIsZero()
    {
        var socket = new ChunkedStream(Bytes(300), Bytes(300, 44));
        var stream = new ReadAheadStream(socket);

        var read = new List<byte>();
        var chunk = new byte[128];
        int n;
        while ((n = await stream.ReadAsync(chunk)) > 0) read.AddRange(chunk.AsSpan(0, n).ToArray());

        Assert.Equal(Bytes(300).Concat(Bytes(300, 44)), read);
        Assert.Equal(3, socket.Receives); // two with data, one that saw the end
    }
}

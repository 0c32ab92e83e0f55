using System.Buffers;
using WebDevSync.Server.WebSockets;

namespace WebDevSync.Server.Tests.Wire;

public sealed class FrameBufferTests
{
    /// <summary>Feeds <paramref name="bytes"/> the way the reader does: into the offered window, in chunks.</summary>
    private static void Write(FrameBuffer buffer, byte[] bytes, int chunk = 1000)
    {
        for (var offset = 0; offset < bytes.Length;)
        {
            var window = buffer.NextWindow();
            Assert.False(window.IsEmpty);
            var n = Math.Min(Math.Min(chunk, window.Length), bytes.Length - offset);
            bytes.AsSpan(offset, n).CopyTo(window.Span);
            buffer.Advance(n);
            offset += n;
        }
    }

    private static byte[] Bytes(int count, int seed = 1)
    {
        var b = new byte[count];
        new Random(seed).NextBytes(b);
        return b;
    }

    [Fact]
    public void MessageOfExactlyTheLimit_IsKeptWhole()
    {
        using var buffer = new FrameBuffer(4096);
        var bytes = Bytes(4096);
        Write(buffer, bytes);
        Assert.False(buffer.Overflowed);
        Assert.Equal(bytes, buffer.Message.ToArray());
    }

    [Fact]
    public void OneByteOverTheLimit_Overflows()
    {
        using var buffer = new FrameBuffer(100);
        Write(buffer, Bytes(101));
        Assert.True(buffer.Overflowed);
    }

    [Fact]
    public void MessageLargerThanTheFirstBuffer_GrowsAndKeepsEveryByteInOrder()
    {
        using var buffer = new FrameBuffer(1024 * 1024);
        var bytes = Bytes(300_000, seed: 7);
        Write(buffer, bytes, chunk: 777);
        Assert.False(buffer.Overflowed);
        Assert.Equal(bytes, buffer.Message.ToArray());
    }

    [Fact]
    public void AfterOverflow_TheRestIsDrainedIntoAScratchWindow_WithoutGrowing()
    {
        using var buffer = new FrameBuffer(1000);
        Write(buffer, Bytes(10_000_000), chunk: 64 * 1024);
        Assert.True(buffer.Overflowed);
        Assert.True(buffer.NextWindow().Length <= 64 * 1024);
    }

    [Fact]
    public void Reset_ClearsOverflowAndLength_SoTheNextMessageIsReadCleanly()
    {
        using var buffer = new FrameBuffer(1000);
        Write(buffer, Bytes(5000));
        Assert.True(buffer.Overflowed);
        buffer.Reset();
        Assert.False(buffer.Overflowed);
        Assert.Equal(0, buffer.Message.Length);

        var next = Bytes(900, seed: 3);
        Write(buffer, next);
        Assert.False(buffer.Overflowed);
        Assert.Equal(next, buffer.Message.ToArray());
    }

    [Fact]
    public void Reset_AfterABigMessage_StillAcceptsBigAndSmallMessages()
    {
        using var buffer = new FrameBuffer(1024 * 1024);
        for (var round = 0; round < 3; round++)
        {
            var big = Bytes(200_000, seed: round);
            Write(buffer, big);
            Assert.Equal(big, buffer.Message.ToArray());
            buffer.Reset();
            var small = Bytes(10, seed: round + 10);
            Write(buffer, small);
            Assert.Equal(small, buffer.Message.ToArray());
            buffer.Reset();
        }
    }

    [Fact]
    public void EmptyMessage_IsEmpty()
    {
        using var buffer = new FrameBuffer(10);
        buffer.Advance(0);
        Assert.False(buffer.Overflowed);
        Assert.True(buffer.Message.IsEmpty);
    }
}

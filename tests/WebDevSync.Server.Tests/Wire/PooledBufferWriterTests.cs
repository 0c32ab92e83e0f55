using WebDevSync.Server.WebSockets;

namespace WebDevSync.Server.Tests.Wire;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Growing_KeepsWhatWasWritten_AndHandsOutRoomInTheNewArray()
    {
        var writer = new PooledBufferWriter(16);
        var first = writer.GetSpan(10);
        "0123456789"u8.CopyTo(first);
        writer.Advance(10);

        var room = writer.GetMemory(100_000); // forces a bigger array
        Assert.True(room.Length >= 100_000);
        room.Span[..3].Fill((byte)'x');
        writer.Advance(3);

        Assert.Equal("0123456789xxx", System.Text.Encoding.ASCII.GetString(writer.WrittenMemory.Span));
    }

    [Fact]
    public void AMegabyteUpdate_EncodesToTheSameJson_AsAnArrayBufferWriter()
    {
        var code = string.Concat(Enumerable.Repeat("line \"quoted\" \\ é\n", 60_000));
        var update = new ServerMessage.CodeUpdate("s1", "t1", code, 7);
        var writer = new PooledBufferWriter(1024);

        ServerMessageEncoder.Encode(update, writer);

        Assert.Equal(ServerMessageEncoder.ToBytes(update), writer.WrittenMemory.ToArray());
        using var doc = JsonDocument.Parse(writer.WrittenMemory);
        Assert.Equal(code, doc.RootElement.GetProperty("payload").GetProperty("code").GetString());
    }

    [Fact]
    public void Reset_Empties_AndGivesBackAnArrayLargerThanKept()
    {
        var writer = new PooledBufferWriter(1024);
        writer.GetSpan(1_000_000);
        writer.Advance(1_000_000);

        writer.Reset(largestKept: 256 * 1024);

        Assert.Equal(0, writer.WrittenMemory.Length);
        Assert.True(writer.Capacity <= 256 * 1024);
    }

    [Fact]
    public void AdvancingPastTheRoom_IsABug()
    {
        var writer = new PooledBufferWriter(16);
        var room = writer.GetSpan().Length;
        Assert.Throws<InvalidOperationException>(() => writer.Advance(room + 1));
    }
}

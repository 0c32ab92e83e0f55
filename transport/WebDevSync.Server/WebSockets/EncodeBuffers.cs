using System.Collections.Concurrent;

namespace WebDevSync.Server.WebSockets;

/// <summary>
/// Buffers to encode one outgoing message into, shared by all links: a link holds one only while it
/// writes, so an idle connection holds none.
/// </summary>
internal static class EncodeBuffers
{
    private const int Kept = 64;
    private const int LargestKept = 256 * 1024;
    private static readonly ConcurrentQueue<PooledBufferWriter> Pool = new();

    public static PooledBufferWriter Rent() => Pool.TryDequeue(out var buffer) ? buffer : new PooledBufferWriter(1024);

    /// <summary>Keeps the buffer for the next writer; a huge one (a large update) hands its array back to the array pool.</summary>
    public static void Return(PooledBufferWriter buffer)
    {
        buffer.Reset(LargestKept);
        if (Pool.Count < Kept) Pool.Enqueue(buffer);
    }
}

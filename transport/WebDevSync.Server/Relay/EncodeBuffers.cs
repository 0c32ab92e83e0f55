using System.Buffers;
using System.Collections.Concurrent;

namespace WebDevSync.Server.Relay;

/// <summary>
/// Buffers to encode one outgoing message into, shared by all links: a link holds one only while it
/// writes, so an idle connection holds none.
/// </summary>
internal static class EncodeBuffers
{
    private const int Kept = 64;
    private const int LargestKept = 256 * 1024;
    private static readonly ConcurrentQueue<ArrayBufferWriter<byte>> Pool = new();

    public static ArrayBufferWriter<byte> Rent() => Pool.TryDequeue(out var buffer) ? buffer : new ArrayBufferWriter<byte>(1024);

    /// <summary>Keeps the buffer for the next writer; a huge one (a large update) is left to the GC.</summary>
    public static void Return(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity > LargestKept || Pool.Count >= Kept) return;
        buffer.ResetWrittenCount();
        Pool.Enqueue(buffer);
    }
}

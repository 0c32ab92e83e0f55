using System.Buffers.Binary;

namespace WebDevSync.TestKit.Raw;

/// <summary>gRPC's length-prefixed messages as they are on the wire (gRPC and gRPC-Web alike): a flags byte, a big-endian length, the payload.</summary>
public static class GrpcFrames
{
    /// <summary>One frame; <paramref name="declaredLength"/> lets a test announce a length other than the payload's.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload, byte flags = 0, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(5));
        return frame;
    }

    /// <summary>The frames of a body in order; bytes after the last whole frame are an <see cref="InvalidDataException"/>.</summary>
    public static IReadOnlyList<(byte Flags, byte[] Payload)> Split(ReadOnlySpan<byte> body)
    {
        var frames = new List<(byte, byte[])>();
        while (body.Length >= 5)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body[1..]);
            frames.Add((body[0], body.Slice(5, length).ToArray()));
            body = body[(5 + length)..];
        }
        if (!body.IsEmpty) throw new InvalidDataException($"{body.Length} bytes after the last whole frame");
        return frames;
    }
}

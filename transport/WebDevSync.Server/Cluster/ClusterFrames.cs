using System.Text;

namespace WebDevSync.Server.Cluster;

/// <summary>
/// <see cref="ClusterFrame"/> to bytes and back: a kind byte, then length-prefixed UTF-8 strings and
/// 64-bit numbers, then (for the frames that carry one) the message JSON to the end.
/// </summary>
internal static class ClusterFrames
{
    public static byte[] Encode(ClusterFrame frame)
    {
        using var stream = new MemoryStream(64);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        switch (frame)
        {
            case ClusterFrame.Forward f:
                w.Write((byte)'F'); w.Write(f.Origin); w.Write(f.Conn); Optional(w, f.AuthUser); w.Write(f.Json.Span);
                break;
            case ClusterFrame.Invalid i:
                w.Write((byte)'I'); w.Write(i.Origin); w.Write(i.Conn); w.Write((int)i.Code); w.Write(i.Detail); Optional(w, i.SessionId);
                break;
            case ClusterFrame.Gone g:
                w.Write((byte)'G'); w.Write(g.Origin); w.Write(g.Conn);
                break;
            case ClusterFrame.Deliver d:
                w.Write((byte)'D'); w.Write(d.Conn); w.Write(d.Json.Span);
                break;
            case ClusterFrame.Close c:
                w.Write((byte)'C'); w.Write(c.Conn); w.Write(c.Kind); w.Write(c.Text);
                break;
        }
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>The frame, or null for bytes no node of this version wrote.</summary>
    public static ClusterFrame? Decode(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var array)
                ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                : new MemoryStream(bytes.ToArray(), writable: false);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            return r.ReadByte() switch
            {
                (byte)'F' => new ClusterFrame.Forward(r.ReadString(), r.ReadInt64(), Optional(r), Rest(bytes, stream)),
                (byte)'I' => new ClusterFrame.Invalid(r.ReadString(), r.ReadInt64(), (Core.Protocol.ErrorCode)r.ReadInt32(), r.ReadString(), Optional(r)),
                (byte)'G' => new ClusterFrame.Gone(r.ReadString(), r.ReadInt64()),
                (byte)'D' => new ClusterFrame.Deliver(r.ReadInt64(), Rest(bytes, stream)),
                (byte)'C' => new ClusterFrame.Close(r.ReadInt64(), r.ReadInt32(), r.ReadString()),
                _ => null,
            };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static void Optional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static string? Optional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    /// <summary>The JSON after the header: a slice of the frame, not a copy.</summary>
    private static ReadOnlyMemory<byte> Rest(ReadOnlyMemory<byte> bytes, MemoryStream stream) => bytes[(int)stream.Position..];
}

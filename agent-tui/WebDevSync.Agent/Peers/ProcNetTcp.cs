using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;

namespace WebDevSync.Agent.Peers;

/// <summary>One socket of <c>/proc/net/tcp</c> or <c>/proc/net/tcp6</c>: its two ends and the uid that owns it.</summary>
public sealed record TcpSocket(IPEndPoint Local, IPEndPoint Remote, uint Uid);

/// <summary>
/// Reads the kernel's table of TCP sockets (proc(5)): <c>sl local_address rem_address st tx:rx tr:when
/// retrnsmt uid timeout inode …</c>, addresses as hex words in the host's byte order, ports as big
/// hex. Pure: the text comes in, rows come out; lines that do not parse are skipped.
/// </summary>
public static class ProcNetTcp
{
    public static IEnumerable<TcpSocket> Parse(string text)
    {
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || Endpoint(f[1]) is not { } local || Endpoint(f[2]) is not { } remote
                || !uint.TryParse(f[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)) continue;
            yield return new TcpSocket(local, remote, uid);
        }
    }

    /// <summary>The row's <c>ADDRESS:PORT</c> in the kernel's notation, as an endpoint; null when malformed.</summary>
    public static IPEndPoint? Endpoint(string field)
    {
        var colon = field.IndexOf(':');
        if (colon is not (8 or 32) || !ushort.TryParse(field.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port)) return null;
        var bytes = new byte[colon / 2];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(field.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)) return null;
            MemoryMarshal.Write(bytes.AsSpan(word * 4), in value); // the kernel printed each word in host order
        }
        return new IPEndPoint(new IPAddress(bytes), port);
    }

    /// <summary>The line the kernel would print for an endpoint (the inverse of <see cref="Endpoint"/>), for tests.</summary>
    public static string Format(IPEndPoint endpoint)
    {
        var bytes = endpoint.Address.GetAddressBytes();
        var words = Enumerable.Range(0, bytes.Length / 4).Select(w => MemoryMarshal.Read<uint>(bytes.AsSpan(w * 4)).ToString("X8", CultureInfo.InvariantCulture));
        return $"{string.Concat(words)}:{endpoint.Port:X4}";
    }
}

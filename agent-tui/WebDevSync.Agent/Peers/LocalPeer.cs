using System.Net;
using WebDevSync.Agent.Files;

namespace WebDevSync.Agent.Peers;

/// <summary>Who is at the other end of a loopback connection: the uid owning the peer's socket, if it can be told.</summary>
public abstract record PeerOwner
{
    private PeerOwner() { }

    /// <summary>The agent's own user.</summary>
    public sealed record Self : PeerOwner;

    public sealed record OtherUser(uint Uid, string? Name) : PeerOwner;

    /// <summary>The peer's socket is not in the kernel's tables (gone already, or another network namespace).</summary>
    public sealed record Unknown(string Why) : PeerOwner;

    /// <summary>Not Linux: there is no <c>/proc/net/tcp</c> to ask.</summary>
    public sealed record NotChecked : PeerOwner;

    /// <summary>Only the agent's own user may talk to a socket the agent listens on.</summary>
    public bool Allowed => this is Self or NotChecked;

    public string Describe() => this switch
    {
        Self => "this user",
        OtherUser o => $"uid {o.Uid}{(o.Name is null ? "" : $" ({o.Name})")}",
        Unknown u => $"an unknown user ({u.Why})",
        _ => "unchecked",
    };
}

/// <summary>
/// Local peers are identified, not trusted: on loopback both ends of a TCP connection are sockets of
/// this machine, so the kernel's tables (<c>/proc/net/tcp</c>, <c>/proc/net/tcp6</c>) say which uid
/// owns the peer's end. An <c>Origin</c> or any other header proves nothing against a local process.
/// </summary>
public static class LocalPeer
{
    public static PeerOwner Of(IPAddress? peerAddress, int peerPort, IPAddress? localAddress, int localPort)
    {
        if (!OperatingSystem.IsLinux()) return new PeerOwner.NotChecked();
        if (peerAddress is null || localAddress is null) return new PeerOwner.Unknown("no address");
        var peer = new IPEndPoint(Plain(peerAddress), peerPort);
        var local = new IPEndPoint(Plain(localAddress), localPort);
        foreach (var table in (string[])["/proc/net/tcp", "/proc/net/tcp6"])
        {
            string text;
            try { text = File.ReadAllText(table); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            // The peer's socket is the row whose local end is the peer and whose remote end is us.
            if (ProcNetTcp.Parse(text).FirstOrDefault(s => Same(s.Local, peer) && Same(s.Remote, local)) is { } row)
                return row.Uid == Posix.EffectiveUid ? new PeerOwner.Self() : new PeerOwner.OtherUser(row.Uid, UserName(row.Uid));
        }
        return new PeerOwner.Unknown($"no socket {peer} -> {local} in /proc/net/tcp*");
    }

    private static IPAddress Plain(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    private static bool Same(IPEndPoint row, IPEndPoint wanted) => row.Port == wanted.Port && Plain(row.Address).Equals(wanted.Address);

    private static string? UserName(uint uid)
    {
        try
        {
            return File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[2] == uid.ToString(System.Globalization.CultureInfo.InvariantCulture))?[0];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using System.Net.Sockets;
using System.Runtime.InteropServices;
using WebDevSync.Agent.Files;

namespace WebDevSync.Agent.Peers;

/// <summary>The owner of the process at the other end of a Unix socket (SO_PEERCRED), as the kernel saw it at connect.</summary>
public static class UnixPeer
{
    private const int SolSocket = 1, SoPeerCred = 17;

    public static PeerOwner Of(Socket socket)
    {
        if (!OperatingSystem.IsLinux()) return new PeerOwner.NotChecked();
        Span<byte> ucred = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        try
        {
            if (socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred) < 12) return new PeerOwner.Unknown("no SO_PEERCRED");
        }
        catch (SocketException e)
        {
            return new PeerOwner.Unknown(e.Message);
        }
        var uid = MemoryMarshal.Read<uint>(ucred[4..]);
        return uid == Posix.EffectiveUid ? new PeerOwner.Self() : new PeerOwner.OtherUser(uid, null);
    }
}

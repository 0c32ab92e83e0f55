using System.Net.Sockets;
using WebDevSync.Agent.Live.Vim;

namespace WebDevSync.Agent.Tests.Live;

/// <summary>
/// The agent's end of Vim's live link takes only a peer of its own user (SO_PEERCRED). The socket
/// normally sits in the agent's 0700 directory; here it is opened to everyone so that another user
/// (<c>nobody</c>, a real process) can get as far as connecting.
/// </summary>
public sealed class VimSocketOtherUserTests
{
    private const string Client = """
        import socket, sys, time
        s = socket.socket(socket.AF_UNIX)
        s.connect(sys.argv[1])
        print("connected", flush=True)
        s.settimeout(60)
        print("closed" if s.recv(1) == b"" else "answered", flush=True)
        time.sleep(60)  # stay until the test ends: a line printed just before exit can be read after the exit is seen
        """;

    [Fact]
    public async Task Another_users_connection_is_dropped_and_the_agents_own_vim_is_taken()
    {
        using var dir = new TempDirectory();
        var shared = SecondUser.SharedTmp(dir);
        var path = Path.Combine(shared, "vim.sock");
        using var listener = VimLive.Listen(path);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110); // 0666: the directory no longer keeps others out
        await using var stranger = new ChildProcess("runuser", ["-u", SecondUser.Name, "--", "python3", "-c", Client, path]);
        await stranger.WaitForLineAsync("^connected$");
        using var own = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await own.ConnectAsync(new UnixDomainSocketEndPoint(path));

        await using var live = await VimLive.AcceptAsync(listener, "x\n", _ => { }, Timeouts.Wait, CancellationToken.None);

        await stranger.WaitForLineAsync("^closed$");
    }
}

using FsCheck;
using WebDevSync.Agent.Live;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Agent.Tests.Live;

/// <summary>Live-link sockets and scripts of different sessions never share a path (issue 22 item 6).</summary>
public sealed class LiveLinkNamesTests
{
    private const string First = "s-12345678-aaaa", Second = "s-12345678-bbbb";

    private static LiveLink Vim(string dir, string sessionId) =>
        LiveLaunch.With(["vim", Path.Combine(dir, "f.js")], Path.Combine(dir, "f.js"), sessionId, "x\n", 5_000).Link!;

    [Property(Cases.Standard)]
    public bool Different_sessions_or_launches_get_different_names(NonEmptyString a, NonEmptyString b, long at, long otherAt) =>
        (a.Get, at) == (b.Get, otherAt) || LiveLaunch.Stem(a.Get, at) != LiveLaunch.Stem(b.Get, otherAt);

    [Fact]
    public void Session_ids_that_begin_alike_get_different_sockets_and_scripts()
    {
        var (one, two) = (Vim("/run/user/1/d", First), Vim("/run/user/1/d", Second));
        Assert.NotEqual(one.SocketPath, two.SocketPath);
        Assert.NotEqual(one.ScriptPath, two.ScriptPath);
    }

    [Fact]
    public async Task Closing_one_sessions_link_leaves_the_others_socket_and_script()
    {
        using var dir = new TempDirectory();
        var events = new ConcurrentQueue<AgentEvent>();
        await using var links = new LiveLinks(events.Enqueue, () => 0);
        var (one, two) = (Vim(dir.Path, First), Vim(dir.Path, Second));
        links.Start(First, one);
        links.Start(Second, two);
        Assert.True(File.Exists(one.SocketPath) && File.Exists(two.SocketPath), string.Join(" | ", events));

        links.Stop(First);

        await Poll.UntilAsync(() => !File.Exists(one.SocketPath) && !File.Exists(one.ScriptPath), "the first link's socket and script to go");
        Assert.True(File.Exists(two.SocketPath), "the other session's socket is still there");
        Assert.True(File.Exists(two.ScriptPath), "the other session's script is still there");
    }
}

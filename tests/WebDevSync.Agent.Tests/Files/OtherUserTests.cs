namespace WebDevSync.Agent.Tests.Files;

/// <summary>
/// Another local user (<c>nobody</c>) plants directories and links in a shared temp directory where
/// the agent tidies up and makes its own directory (issue 22 items 1 and 5).
/// </summary>
public sealed class OtherUserTests
{
    [Fact]
    public void Start_up_clean_up_does_not_follow_a_link_another_user_planted_under_a_dead_agents_name()
    {
        using var dir = new TempDirectory();
        var shared = SecondUser.SharedTmp(dir);
        var victim = dir.Sub("victim-project");
        var precious = Path.Combine(victim, "three-days-old.txt");
        File.WriteAllText(precious, "mine");
        File.SetLastWriteTimeUtc(precious, DateTime.UtcNow.AddDays(-3));
        SecondUser.MustRun("ln", "-s", victim, Path.Combine(shared, "webdevsync-999999-deadbeef"));

        var report = PrivateDirectory.RemoveLeftovers(shared, TimeSpan.FromHours(2), DateTime.UtcNow);

        Assert.True(File.Exists(precious), "the file the link pointed at is still there");
        Assert.Equal(0, report.Removed);
        Assert.Equal(1, report.Skipped);
    }

    [Fact]
    public void Start_up_clean_up_leaves_another_users_directory_and_files_alone_even_as_root()
    {
        using var dir = new TempDirectory();
        var shared = SecondUser.SharedTmp(dir);
        var theirs = Path.Combine(shared, "webdevsync-999998-cafe0000");
        SecondUser.MustRun("mkdir", "-m", "0700", theirs);
        SecondUser.MustRun("touch", "-d", "3 days ago", Path.Combine(theirs, "their.js"));
        var mine = PrivateDirectory.Create(shared);
        var mineDead = Path.Combine(shared, "webdevsync-999997-abcdef");
        Directory.Move(mine.Path, mineDead);
        var myOld = Path.Combine(mineDead, "old.js");
        File.WriteAllText(myOld, "x");
        File.SetLastWriteTimeUtc(myOld, DateTime.UtcNow.AddHours(-3));

        var report = PrivateDirectory.RemoveLeftovers(shared, TimeSpan.FromHours(2), DateTime.UtcNow);

        Assert.True(File.Exists(Path.Combine(theirs, "their.js")), "root's agent must not tidy nobody's files");
        Assert.False(Directory.Exists(mineDead), "its own dead agent's old files and directory go");
        Assert.Equal(1, report.Removed);
        Assert.Contains($"belongs to uid {SecondUser.Uid}", report.FirstSkipped);
    }

    [Fact]
    public void Another_user_cannot_take_the_agents_directory_name_first()
    {
        using var dir = new TempDirectory();
        var shared = SecondUser.SharedTmp(dir);
        const string key = "0123456789abcdef";
        // The name the agent used to take every time, and a link to a place of the attacker's choosing.
        SecondUser.MustRun("mkdir", Path.Combine(shared, PrivateDirectory.KeyedPrefix + key));
        SecondUser.MustRun("ln", "-s", "/", Path.Combine(shared, PrivateDirectory.KeyedPrefix + key + "-AAAAAA"));

        var first = PrivateDirectory.OpenKeyed(shared, key, []);
        var second = PrivateDirectory.OpenKeyed(shared, key, []);

        Assert.NotEqual(first.Path, second.Path);
        foreach (var made in (string[])[first.Path, second.Path])
        {
            Assert.StartsWith(Path.Combine(shared, PrivateDirectory.KeyedPrefix + key + "-"), made);
            Assert.Null(new DirectoryInfo(made).LinkTarget);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(made));
        }
    }

    [Fact]
    public void A_restarted_agent_reuses_its_own_directory_but_not_a_link_or_another_users_directory_in_its_place()
    {
        using var dir = new TempDirectory();
        var shared = SecondUser.SharedTmp(dir);
        const string key = "fedcba9876543210";
        var first = PrivateDirectory.OpenKeyed(shared, key, []);
        File.WriteAllText(Path.Combine(first.Path, "kept-1a2b3c4d.js"), "x");
        File.WriteAllText(Path.Combine(first.Path, "gone-99999999.js"), "x");

        var again = PrivateDirectory.OpenKeyed(shared, key, ["kept-1a2b3c4d.js"], first.Path);
        Assert.Equal(first.Path, again.Path);
        Assert.Equal(["kept-1a2b3c4d.js"], Directory.GetFiles(again.Path).Select(Path.GetFileName));

        var planted = Path.Combine(shared, PrivateDirectory.KeyedPrefix + key + "-theirs");
        SecondUser.MustRun("mkdir", "-m", "0700", planted);
        Assert.NotEqual(planted, PrivateDirectory.OpenKeyed(shared, key, [], planted).Path);
    }

    [Fact]
    public void A_base_directory_of_another_user_is_refused()
    {
        using var dir = new TempDirectory();
        var theirs = Path.Combine(SecondUser.SharedTmp(dir), "their-tmp");
        SecondUser.MustRun("mkdir", "-m", "0755", theirs);

        var refused = Assert.Throws<IOException>(() => PrivateDirectory.OpenKeyed(theirs, "0123456789abcdef", []));
        Assert.Contains($"belongs to uid {SecondUser.Uid}", refused.Message);
    }

    [Fact]
    public void A_base_directory_everyone_may_write_to_without_the_sticky_bit_is_refused()
    {
        using var dir = new TempDirectory();
        var open = dir.Sub("open-tmp");
        File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111); // 0777: anyone could rename the agent's directory away

        var refused = Assert.Throws<IOException>(() => PrivateDirectory.OpenKeyed(open, "0123456789abcdef", []));
        Assert.Contains("not sticky", refused.Message);
        Assert.Empty(Directory.GetFileSystemEntries(open));
    }
}

namespace WebDevSync.Agent.Tests.Files;

public sealed class PrivateDirectoryTests
{
    [Fact]
    public void The_directory_is_0700_and_files_are_0600()
    {
        using var dir = new TempDirectory();
        var priv = PrivateDirectory.Create(dir.Path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(priv.Path));
        var file = Path.Combine(priv.Path, "a.js");
        PrivateDirectory.Write(file, "x");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        priv.Remove();
        Assert.False(Directory.Exists(priv.Path));
    }

    [Fact]
    public void Leftovers_of_dead_agents_older_than_the_limit_are_removed_and_live_ones_kept()
    {
        using var dir = new TempDirectory();
        var dead = Directory.CreateDirectory(Path.Combine(dir.Path, "webdevsync-999999-dead0000")).FullName;
        var old = Path.Combine(dead, "old.js");
        var fresh = Path.Combine(dead, "fresh.js");
        File.WriteAllText(old, "x");
        File.WriteAllText(fresh, "x");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-3));
        var live = PrivateDirectory.Create(dir.Path);
        var liveOld = Path.Combine(live.Path, "mine.js");
        File.WriteAllText(liveOld, "x");
        File.SetLastWriteTimeUtc(liveOld, DateTime.UtcNow.AddHours(-3));

        Assert.Equal(1, PrivateDirectory.RemoveLeftovers(dir.Path, TimeSpan.FromHours(2), DateTime.UtcNow).Removed);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(liveOld), "a running agent's files are its own business");

        File.Delete(fresh);
        PrivateDirectory.RemoveLeftovers(dir.Path, TimeSpan.FromHours(2), DateTime.UtcNow);
        Assert.False(Directory.Exists(dead), "an emptied leftover directory goes too");
    }
}

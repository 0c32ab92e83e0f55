using FsCheck;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Agent.Tests.Files;

/// <summary>
/// Issue 27: kept files have a lifetime. An agent that starts removes those not changed for
/// <c>keptFileMaxAgeDays</c> (30 by default), except those a session it resumes still writes to, and never
/// through a link; <c>webdevsync-agent list</c> says when each goes. Times come from the files' own
/// modification times and a "now" the test gives.
/// </summary>
public sealed class KeptFilesTests
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    private static readonly DateTime Now = new(2026, 12, 8, 12, 0, 0, DateTimeKind.Utc);

    [Property(Cases.Standard)]
    public void A_kept_file_expires_exactly_when_it_has_not_changed_for_longer_than_its_lifetime(PositiveInt days, int ageSeconds)
    {
        var maxAge = TimeSpan.FromDays(days.Get % 3650 + 1);
        var age = TimeSpan.FromSeconds(ageSeconds);
        Assert.Equal(age > maxAge, KeptFiles.Expired(Now - age, maxAge, Now));
        Assert.Equal(Now - age + maxAge, KeptFiles.RemovedAfter(Now - age, maxAge));
    }

    [Fact]
    public void At_start_old_kept_files_go_and_fresh_ones_and_those_in_use_stay()
    {
        using var dir = new TempDirectory();
        var kept = Directory.CreateDirectory(Path.Combine(dir.Sub("state"), KeptFiles.DirectoryName)).FullName;
        string Kept(string name, TimeSpan age)
        {
            var path = Path.Combine(kept, name);
            File.WriteAllText(path, name);
            File.SetLastWriteTimeUtc(path, Now - age);
            return path;
        }
        var old = Kept("old.js", Month + TimeSpan.FromMinutes(1));
        var fresh = Kept("fresh.js", Month - TimeSpan.FromMinutes(1));
        var inUse = Kept("in-use.js", TimeSpan.FromDays(90));

        var sweep = KeptFiles.RemoveExpired(dir.Sub("state"), Month, Now, [inUse]);

        Assert.Equal(new KeptSweep(1, null), sweep);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(inUse), "a resumed session still writes to it");
    }

    [Fact]
    public void A_link_in_the_kept_directory_is_not_followed_and_what_it_points_at_stays()
    {
        using var dir = new TempDirectory();
        var kept = Directory.CreateDirectory(Path.Combine(dir.Sub("state"), KeptFiles.DirectoryName)).FullName;
        var precious = Path.Combine(dir.Sub("project"), "precious.txt");
        File.WriteAllText(precious, "mine");
        File.SetLastWriteTimeUtc(precious, Now - TimeSpan.FromDays(365));
        File.CreateSymbolicLink(Path.Combine(kept, "link.js"), precious);

        Assert.Equal(0, KeptFiles.RemoveExpired(dir.Sub("state"), Month, Now, []).Removed);
        Assert.True(File.Exists(precious));
    }

    [Fact]
    public void No_kept_directory_is_nothing_to_do() =>
        Assert.Equal(new KeptSweep(0, null), KeptFiles.RemoveExpired("/nonexistent/webdevsync-state", Month, Now, []));
}

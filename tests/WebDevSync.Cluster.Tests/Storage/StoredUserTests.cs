using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;
using WebDevSync.Server.Cluster;

namespace WebDevSync.Cluster.Tests.Storage;

/// <summary>A user's record survives its JSON form in Redis field for field, the init-only ones too: resume depends on every one.</summary>
public sealed class StoredUserTests
{
    [Fact]
    public void A_users_record_read_back_from_its_stored_json_is_the_record_that_was_written()
    {
        var session = new Session("s1", "uma", "code-1", "js", "uma-tab", "uma-agent", "v2 ✓ \"quoted\"", 7, 6, 1000, 2000)
            { BrowserSeq = 5, AgentSeq = 7, LastChangeBy = "uma-agent" };
        var ended = new EndedSession("s0", "uma-tab", "code-0", "last", 3, 2, "editor_closed") { LastByBrowser = true };
        var record = new UserRecord("uma", [session], [new RecordedTab("uma-tab", 1500), new RecordedTab("uma-tab-2", null)], [ended]);

        var back = StoredUser.Parse(StoredUser.Of(record));

        Assert.NotNull(back);
        Assert.Equal(record.UserId, back.UserId);
        Assert.Equal(record.Sessions, back.Sessions);
        Assert.Equal(record.Tabs, back.Tabs);
        Assert.Equal(record.Ended, back.Ended);
    }

    [Fact]
    public void An_empty_record_is_stored_as_nothing_and_unreadable_json_reads_as_no_record()
    {
        Assert.Equal("", StoredUser.Of(new UserRecord("uma", [], [], [])));
        Assert.Null(StoredUser.Parse(""));
        Assert.Null(StoredUser.Parse("{not json"));
    }
}

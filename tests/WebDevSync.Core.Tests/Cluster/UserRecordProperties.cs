using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;
using WebDevSync.Core.Tests.Scenarios;
using Xunit;
using WebDevSync.Core.Tests.Properties;
using WebDevSync.Tests.Properties;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Cluster;

/// <summary>
/// User records over the router's real states (random multi-user scenarios): every change of a user's
/// a new owner that adopts a record can resume exactly what the old one held, and a user's grain started
/// again from the record numbers above anything the last one sent; which steps are written first.
/// </summary>
public class UserRecordProperties
{
    [ScenarioProperty(Cases.Brief)]
    public void An_adopted_record_holds_the_users_sessions_ended_sessions_and_tabs_away(Scenario scenario) => EveryFrame(ScenarioRunner.Run(scenario), f =>
    {
        foreach (var user in f.After.Users.Keys)
        {
            var record = UserRecords.Of(f.After, user);
            var now = f.Input.NowMs + 1;
            var adopted = UserRecords.Adopt(RouterState.Empty(f.After.Options), record, now);
            var sessions = f.After.User(user).Sessions;
            if (!adopted.Sessions.Keys.ToHashSet().SetEquals(sessions)) return $"{user}: sessions {string.Join(",", adopted.Sessions.Keys)} adopted, {string.Join(",", sessions)} held";
            if (sessions.Any(id => adopted.Sessions[id] != f.After.Sessions[id])) return $"{user}: a session changed on the way";
            if (!adopted.User(user).Ended.SequenceEqual(f.After.User(user).Ended)) return $"{user}: ended sessions differ";
            if (adopted.Clients.Values.Any(c => c.Live is not null || c.UserId != user)) return $"{user}: an adopted tab is live or another user's";
            var away = record.Tabs.Where(tab => adopted.Clients.ContainsKey(tab.ClientId));
            if (away.Any(tab => adopted.Clients[tab.ClientId].AwaySinceMs != (tab.AwaySinceMs ?? now))) return $"{user}: a tab's grace period moved";
            if (!record.IsEmpty && adopted.SeqFloor < now) return $"{user}: updates after adoption are not numbered above the old owner's";
        }
        return null;
    });

    [ScenarioProperty(Cases.Brief)]
    public void A_users_grain_started_from_a_record_that_may_lag_numbers_above_anything_sent_and_from_a_complete_one_numbers_on(Scenario scenario) => EveryFrame(ScenarioRunner.Run(scenario), f =>
    {
        foreach (var user in f.After.Users.Keys)
        {
            var record = UserRecords.Of(f.After, user);
            var now = f.Input.NowMs + 1;
            var started = UserRecords.Activate(f.After.Options, record, now);
            // The record may lag what the last activation sent (only saves are written first): numbering starts above it.
            if (started.SeqFloor < now) return $"{user}: a grain started from a record that may lag may number below what a tab holds";
            if (UserRecords.Activate(f.After.Options, record with { Complete = true }, now).SeqFloor != 0) return $"{user}: numbering jumps after a complete record";
            if (started.Connections.Count != 0 || started.Clients.Values.Any(c => c.Live is not null)) return $"{user}: a started grain holds a live link";
            var sessions = f.After.User(user).Sessions;
            if (!record.IsEmpty && sessions.Any(id => started.Sessions.GetValueOrDefault(id) != f.After.Sessions[id])) return $"{user}: a session changed on the way";
        }
        return null;
    });

    /// <summary>The property's counterexample (an agent announcing a session its tab never opened leaves an empty record): it still may lag.</summary>
    [Fact]
    public void A_grain_started_from_an_empty_record_that_may_lag_numbers_from_its_start_time()
    {
        var started = UserRecords.Activate(RouterOptions.Default, new UserRecord("carol", [], [], []), 5_000);
        Assert.Equal(5_000, started.SeqFloor);
        Assert.Equal(0, UserRecords.Activate(RouterOptions.Default, null, 5_000).SeqFloor);
    }

    [Fact]
    public void An_empty_record_changes_nothing()
    {
        var s = RouterState.Empty();
        Assert.Same(s, UserRecords.Adopt(s, new UserRecord("alice", [], [], []), 5));
    }
}

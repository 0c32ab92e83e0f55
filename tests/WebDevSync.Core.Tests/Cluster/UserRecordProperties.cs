using WebDevSync.Core.Cluster;
using WebDevSync.Core.Routing;
using WebDevSync.Core.Tests.Scenarios;
using Xunit;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Cluster;

/// <summary>
/// User records over the router's real states (random multi-user scenarios): every change of a user's
/// record is written through, a new owner that adopts a record can resume exactly what the old one held,
/// and a released user leaves nothing behind.
/// </summary>
public class UserRecordProperties
{
    [Fact]
    public void Every_step_that_changes_a_users_record_names_that_user() => ForAllScenarios(t => EveryFrame(t, f =>
    {
        var touched = UserRecords.Touched(f.Before, f.After, f.Input);
        var users = f.Before.Users.Keys.Union(f.After.Users.Keys);
        var missed = users.Where(u => !Same(UserRecords.Of(f.Before, u), UserRecords.Of(f.After, u)) && !touched.Contains(u)).ToList();
        return missed.Count == 0 ? null : $"the record of {string.Join(", ", missed)} changed but was not named";
    }), cases: 300);

    [Fact]
    public void An_adopted_record_holds_the_users_sessions_ended_sessions_and_tabs_away() => ForAllScenarios(t => EveryFrame(t, f =>
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
    }), cases: 200);

    [Fact]
    public void A_released_user_leaves_nothing_and_every_other_user_is_untouched() => ForAllScenarios(t => EveryFrame(t, f =>
    {
        foreach (var user in f.After.Users.Keys)
        {
            var (s, closed) = UserRecords.Forget(f.After, user);
            if (s.Users.ContainsKey(user) || s.Sessions.Values.Any(x => x.UserId == user) || s.Clients.Values.Any(c => c.UserId == user)
                || s.Connections.Values.Any(c => c.UserId == user)) return $"{user}: something stayed";
            if (!closed.ToHashSet().SetEquals(f.After.Connections.Values.Where(c => c.UserId == user).Select(c => c.Id))) return $"{user}: not exactly its connections closed";
            foreach (var other in f.After.Users.Keys.Where(u => u != user))
                if (!Same(UserRecords.Of(s, other), UserRecords.Of(f.After, other))) return $"releasing {user} changed {other}";
        }
        return null;
    }), cases: 200);

    [Fact]
    public void An_empty_record_changes_nothing()
    {
        var s = RouterState.Empty();
        Assert.Same(s, UserRecords.Adopt(s, new UserRecord("alice", [], [], []), 5));
    }

    private static bool Same(UserRecord a, UserRecord b) =>
        a.UserId == b.UserId && a.Sessions.SequenceEqual(b.Sessions) && a.Tabs.SequenceEqual(b.Tabs) && a.Ended.SequenceEqual(b.Ended);
}

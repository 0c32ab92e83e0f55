using WebDevSync.Core.Cluster;
using WebDevSync.Core.Protocol;
using WebDevSync.Core.Routing;
using WebDevSync.Core.Tests.Scenarios;
using WebDevSync.Core.Tests.Properties;
using WebDevSync.Tests.Properties;
using static WebDevSync.Core.Tests.Properties.Checking;

namespace WebDevSync.Core.Tests.Cluster;

/// <summary>
/// Which steps a user's grain writes, and when, over the router's real states: a step said to change nothing
/// leaves every user's record as it was, and every agent's change that moved a session on is written before
/// its effects (so a save an agent sees answered is durable), as is any first change after a complete record;
/// nothing else waits for a write.
/// </summary>
public class DurabilityProperties
{
    [ScenarioProperty(Cases.Brief)]
    public void A_step_that_writes_nothing_leaves_every_users_record_as_it_was(Scenario scenario) => EveryFrame(ScenarioRunner.Run(scenario), f =>
    {
        if (Durabilities.Of(f.Before, f.After, f.Input, recordMayLag: true) != Durability.None) return null;
        foreach (var user in f.Before.Users.Keys.Union(f.After.Users.Keys))
        {
            var (was, now) = (UserRecords.Of(f.Before, user), UserRecords.Of(f.After, user));
            if (!was.Sessions.SequenceEqual(now.Sessions) || !was.Tabs.SequenceEqual(now.Tabs) || !was.Ended.SequenceEqual(now.Ended))
                return $"{user}: the record changed in a step that writes nothing";
        }
        return null;
    });

    [ScenarioProperty(Cases.Brief)]
    public void An_agents_change_that_moves_a_session_on_and_the_first_change_after_a_complete_record_are_written_first_and_nothing_else_waits(Scenario scenario) => EveryFrame(ScenarioRunner.Run(scenario), f =>
    {
        var durability = Durabilities.Of(f.Before, f.After, f.Input, recordMayLag: true);
        var fresh = Durabilities.Of(f.Before, f.After, f.Input, recordMayLag: false);
        if (fresh != (durability == Durability.None ? Durability.None : Durability.First)) return $"the first change after a complete record is {fresh}, not written first";
        var fromAgent = f.Input is Input.Message { Body: ClientMessage.CodeUpdate } m && f.Before.Connections.GetValueOrDefault(m.Conn)?.Role == Role.Agent;
        var movedOn = f.Input is Input.Message { Body: ClientMessage.CodeUpdate c }
            && f.After.Sessions.GetValueOrDefault(c.SessionId) is { } after && after.Seq > (f.Before.Sessions.GetValueOrDefault(c.SessionId)?.Seq ?? -1);
        if (fromAgent && movedOn && durability != Durability.First) return $"an agent's accepted change is {durability}, not written first";
        if (!fromAgent && durability == Durability.First) return "a step that is no agent's change waits for a write";
        return null;
    });
}

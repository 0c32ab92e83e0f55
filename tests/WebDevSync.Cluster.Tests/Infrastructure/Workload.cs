using System.Diagnostics;

namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>
/// Live traffic for a fault test: several users, each a <see cref="ReconnectingTab"/> and a
/// <see cref="ReconnectingAgent"/> first connected to different nodes, the agent saving all the time. After
/// a fault, <see cref="CheckAsync"/> pauses the saves and checks the invariants the relay promises.
/// </summary>
public sealed class Workload : IAsyncDisposable
{
    private readonly List<(ReconnectingTab Tab, ReconnectingAgent Agent)> _users = [];

    private Workload(RelayCluster cluster, int users, string prefix, int firstNode)
    {
        IReadOnlyList<Node> Live() { lock (cluster.Nodes) return [.. cluster.Nodes.Where(n => n.Process is { HasExited: false })]; }
        for (var i = 0; i < users; i++)
        {
            var tab = new ReconnectingTab($"{prefix}{i}", Live, firstNode + i);
            _users.Add((tab, new ReconnectingAgent(tab, Live, firstNode + i + 1)));
        }
    }

    public static async Task<Workload> StartAsync(RelayCluster cluster, int users = 4, string prefix = "user", int firstNode = 0)
    {
        var load = new Workload(cluster, users, prefix, firstNode);
        foreach (var (tab, agent) in load._users)
        {
            tab.Start();
            agent.Start();
        }
        try
        {
            await Poll.UntilAsync(() => load._users.All(u => u.Tab.Received.Count >= 2), "every tab to receive saves");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {load.Describe()}");
        }
        return load;
    }

    /// <summary>
    /// Waits until every user is served again (tab and agent connected, a save made after <paramref name="since"/>
    /// acknowledged and received) within <paramref name="limit"/>; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> ServedAgainAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var acked = _users.Select(u => u.Agent.Acknowledged.Count).ToArray();
        var received = _users.Select(u => u.Tab.Received.Count).ToArray();
        try
        {
            // Served: the agent's saves are acknowledged again and the tab receives new ones.
            await Poll.UntilAsync(() => _users.Select((u, i) => u.Agent.Acknowledged.Count >= acked[i] + 2 && u.Tab.ServedSince is not null
                && u.Tab.Received.Count > received[i]).All(x => x), "every user to be served again", limit);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {Describe()}");
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// The invariants, with saves paused: each tab ends with its agent's newest acknowledged save; what a tab
    /// received is its own user's, in strictly increasing seq, one text per seq, and in the order it was
    /// saved. A tab away while several saves are made is sent only the newest on its return (by design).
    /// </summary>
    public async Task CheckAsync(TimeSpan limit)
    {
        foreach (var (_, agent) in _users)
        {
            agent.Quiet = false; // first: the loop sets it only once it sees saves off
            agent.Saving = false;
        }
        // A save sent before the pause may be acknowledged after the tab got the one before it: wait for its answer first.
        await Poll.UntilAsync(() => _users.All(u => u.Agent.Quiet), "every agent's last save to be answered", limit);
        await Task.WhenAll(_users.Select(u => Poll.UntilAsync(() => u.Agent.NewestAcknowledged is { } newest && u.Tab.Received.Any(r => r.Code == newest),
            $"{u.Tab.UserId}'s tab to have its newest acknowledged save {u.Agent.NewestAcknowledged}", limit)));
        foreach (var (tab, agent) in _users)
        {
            Assert.Empty(tab.Foreign);
            Assert.Empty(tab.Faults);
            Assert.Empty(agent.Faults);
            var received = tab.Received.ToList();
            for (var i = 1; i < received.Count; i++)
                Assert.True(received[i].Seq > received[i - 1].Seq, $"{tab.UserId}: seq {received[i].Seq} after {received[i - 1].Seq}");
            Assert.All(received.GroupBy(r => r.Seq), g => Assert.Single(g.Select(r => r.Code).Distinct()));
            var numbers = received.Select(r => int.Parse(r.Code[(r.Code.LastIndexOf('v') + 1)..])).ToList();
            Assert.Equal(numbers.Order(), numbers);
            var acked = agent.Acknowledged.ToList();
            Assert.Equal(acked[^1], received.Last(r => acked.Contains(r.Code)).Code);
        }
        foreach (var (_, agent) in _users) agent.Saving = true;
    }

    /// <summary>Each user's clients, for a failure message.</summary>
    public string Describe() => string.Join("; ", _users.Select(u =>
        $"{u.Tab.UserId}: tab connects {u.Tab.Connects} served {u.Tab.ServedSince is not null} received {u.Tab.Received.Count} newest {u.Tab.Newest}, agent connects {u.Agent.Connects} served {u.Agent.ServedSince is not null} acked {u.Agent.Acknowledged.Count} newest {u.Agent.NewestAcknowledged}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var (tab, agent) in _users)
        {
            await agent.DisposeAsync();
            await tab.DisposeAsync();
        }
    }
}

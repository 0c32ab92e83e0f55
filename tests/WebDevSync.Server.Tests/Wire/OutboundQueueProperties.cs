using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Server.Relay;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Server.Tests.Wire;

/// <summary>
/// The relay's outbound queue applying the core's ordering rule (<see cref="Outbound"/>), over random runs
/// of messages of a few sessions queued while the writer takes some now and then: what reaches the client
/// keeps every message that is not an update, in order, keeps each session's messages in order, and loses
/// an update only to a newer update of the same session.
/// </summary>
public sealed class OutboundQueueProperties
{
    /// <summary>One step of a run: queue a message, or let the writer take the next one (null).</summary>
    public sealed record Run(IReadOnlyList<ServerMessage?> Steps)
    {
        public override string ToString() => string.Join(" ", Steps.Select(s => s is null ? "take" : Describe(s)));
    }

    public static class Runs
    {
        private static readonly Gen<string> Session = Gen.Elements("s1", "s2", "s3");

        // Each message carries its position in the run (in a field the queue never reads), so the test
        // can tell which one is newer.
        private static Gen<ServerMessage?> Step(int i) => Gen.Frequency(
            (6, Session.Select(s => (ServerMessage?)new ServerMessage.CodeUpdate(s, "t", $"code {i}", i))),
            (1, Session.Select(s => (ServerMessage?)new ServerMessage.CodeAck(s, "t", i))),
            (1, Session.Select(s => (ServerMessage?)new ServerMessage.CodeOvertaken(s, "t", $"code {i}", i))),
            (1, Session.Select(s => (ServerMessage?)new ServerMessage.CodeMerged(s, "t", $"code {i}", i))),
            (1, Session.Select(s => (ServerMessage?)new ServerMessage.SessionClosed(s, "t", $"closed {i}"))),
            (1, Session.Select(s => (ServerMessage?)new ServerMessage.EditRequest(s, "t", "", "js", "b", i))),
            (1, Gen.Constant((ServerMessage?)new ServerMessage.Error(ErrorCode.InvalidMessage, $"error {i}", null, null))),
            (2, Gen.Constant((ServerMessage?)null)));

        public static Arbitrary<Run> Any() =>
            Gen.Choose(0, 40)
                .SelectMany(n => Enumerable.Range(0, n).Aggregate(Gen.Constant(ImmutableList<ServerMessage?>.Empty),
                    (acc, i) => acc.SelectMany(list => Step(i).Select(list.Add))))
                .Select(list => new Run(list))
                .ToArbitrary();
    }

    private static (List<ServerMessage> Queued, List<ServerMessage> Delivered) Play(Run run)
    {
        var queue = new OutboundQueue(run.Steps.Count + 1);
        var queued = new List<ServerMessage>();
        var delivered = new List<ServerMessage>();
        foreach (var step in run.Steps)
        {
            if (step is null)
            {
                if (queue.TryDequeue(out var m)) delivered.Add(m);
                continue;
            }
            queue.Enqueue(step);
            queued.Add(step);
        }
        while (queue.TryDequeue(out var m)) delivered.Add(m);
        return (queued, delivered);
    }

    [Property(Cases.Standard, Arbitrary = [typeof(Runs)])]
    public void Every_message_that_is_not_an_update_arrives_once_in_the_order_it_was_queued(Run run)
    {
        var (queued, delivered) = Play(run);
        Assert.Equal(queued.Where(m => m is not ServerMessage.CodeUpdate), delivered.Where(m => m is not ServerMessage.CodeUpdate));
    }

    [Property(Cases.Standard, Arbitrary = [typeof(Runs)])]
    public void A_sessions_messages_arrive_in_the_order_they_were_queued(Run run)
    {
        var (queued, delivered) = Play(run);
        foreach (var session in queued.Select(SessionOf).OfType<string>().Distinct())
        {
            var order = delivered.Where(m => SessionOf(m) == session).Select(m => queued.IndexOf(m)).ToList();
            Assert.All(order, i => Assert.True(i >= 0, "delivered a message that was never queued"));
            Assert.Equal(order.Order(), order);
        }
    }

    [Property(Cases.Standard, Arbitrary = [typeof(Runs)])]
    public void An_update_is_dropped_only_when_the_next_message_of_its_session_is_a_newer_update(Run run)
    {
        var (queued, delivered) = Play(run);
        for (var i = 0; i < queued.Count; i++)
        {
            if (queued[i] is not ServerMessage.CodeUpdate update || delivered.Contains(update)) continue;
            var next = queued.Skip(i + 1).FirstOrDefault(m => SessionOf(m) == update.SessionId);
            Assert.True(next is ServerMessage.CodeUpdate, $"{Describe(update)} was dropped, but the next message of its session is {(next is null ? "none" : Describe(next))}");
        }
    }

    // Read from the messages themselves, not through the rule under test.
    private static string? SessionOf(ServerMessage m) => m switch
    {
        ServerMessage.CodeUpdate u => u.SessionId,
        ServerMessage.CodeAck a => a.SessionId,
        ServerMessage.CodeOvertaken o => o.SessionId,
        ServerMessage.CodeMerged g => g.SessionId,
        ServerMessage.SessionClosed c => c.SessionId,
        ServerMessage.EditRequest e => e.SessionId,
        _ => null,
    };

    private static string Describe(ServerMessage m) => m switch
    {
        ServerMessage.CodeUpdate u => $"update({u.SessionId},{u.Seq})",
        ServerMessage.Error e => e.Message,
        _ => $"{m.GetType().Name}({SessionOf(m)})",
    };
}

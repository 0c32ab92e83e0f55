using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Tests.Wire;

public sealed class OutboundQueueTests
{
    private static ServerMessage Update(string session, string code) => new ServerMessage.CodeUpdate(session, "t", code, 1);

    private static readonly ServerMessage Pong = new ServerMessage.Pong();

    private static List<ServerMessage> Drain(OutboundQueue q)
    {
        var all = new List<ServerMessage>();
        while (q.TryDequeue(out var m)) all.Add(m);
        return all;
    }

    [Fact]
    public void BeyondTheBound_EnqueueReportsOverflow()
    {
        var q = new OutboundQueue(2);
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Pong));
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(new ServerMessage.DesktopStatus(true)));
        Assert.Equal(EnqueueResult.Overflow, q.Enqueue(Pong));
        Assert.Equal(2, q.Count);
    }

    [Fact]
    public void UpdatesOfOneWaitingSession_Coalesce_KeepingTheNewestInTheFirstOnesPlace()
    {
        var q = new OutboundQueue(10);
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Update("s1", "v1")));
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Pong));
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Update("s2", "w1")));
        Assert.Equal(EnqueueResult.Coalesced, q.Enqueue(Update("s1", "v2")));
        Assert.Equal(EnqueueResult.Coalesced, q.Enqueue(Update("s1", "v3")));
        Assert.Equal(EnqueueResult.Coalesced, q.Enqueue(Update("s2", "w2")));

        Assert.Equal([Update("s1", "v3"), Pong, Update("s2", "w2")], Drain(q));
    }

    [Fact]
    public void CoalescingAnUpdate_IsAllowedEvenWhenTheQueueIsFull()
    {
        var q = new OutboundQueue(1);
        q.Enqueue(Update("s1", "v1"));
        Assert.Equal(EnqueueResult.Coalesced, q.Enqueue(Update("s1", "v2")));
        Assert.Equal(EnqueueResult.Overflow, q.Enqueue(Update("s2", "w1")));
        Assert.Equal([Update("s1", "v2")], Drain(q));
    }

    [Fact]
    public void UpdateAfterTheWaitingOneWasSent_IsQueuedAnew_AtTheEnd()
    {
        var q = new OutboundQueue(10);
        q.Enqueue(Update("s1", "v1"));
        Assert.True(q.TryDequeue(out var first));
        Assert.Equal(Update("s1", "v1"), first);
        q.Enqueue(Pong);
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Update("s1", "v2")));
        Assert.Equal([Pong, Update("s1", "v2")], Drain(q));
    }

    [Fact]
    public void UpdateAfterASessionClosedForTheSameSession_IsNotMovedAheadOfTheClose()
    {
        // The session ended and was opened again (same id) while the tab's queue was backed up:
        // the new content must arrive after the close, or the tab would drop the reopened session.
        var q = new OutboundQueue(10);
        q.Enqueue(Update("s1", "v1"));
        q.Enqueue(new ServerMessage.SessionClosed("s1", "t", "editor_exited"));
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Update("s1", "v2")));
        Assert.Equal([Update("s1", "v1"), new ServerMessage.SessionClosed("s1", "t", "editor_exited"), Update("s1", "v2")], Drain(q));
    }

    [Theory]
    [InlineData("code_ack")]
    [InlineData("code_overtaken")]
    [InlineData("edit_request")]
    public void UpdateAfterAnAckOvertakenOrReopenOfTheSameSession_IsNotMovedAheadOfIt(string kind)
    {
        // Live editing: the client must see seqs in the router's order (update 8, ack 9, update 10),
        // not the newest update jumping into the place of the first (10, 9).
        ServerMessage between = kind switch
        {
            "code_ack" => new ServerMessage.CodeAck("s1", "t", 9),
            "code_overtaken" => new ServerMessage.CodeOvertaken("s1", "t", "v1", 8),
            _ => new ServerMessage.EditRequest("s1", "t", "reopened", "js", "b", 9),
        };
        var q = new OutboundQueue(10);
        q.Enqueue(Update("s1", "v1"));
        q.Enqueue(between);
        Assert.Equal(EnqueueResult.Queued, q.Enqueue(Update("s1", "v2")));
        Assert.Equal([Update("s1", "v1"), between, Update("s1", "v2")], Drain(q));
    }

    [Fact]
    public void OtherMessages_AreNeverCoalesced()
    {
        var q = new OutboundQueue(10);
        var error = new ServerMessage.Error(ErrorCode.NoDesktop, "No desktop connection found", "b1", "s1");
        q.Enqueue(error);
        q.Enqueue(error);
        q.Enqueue(new ServerMessage.SessionClosed("s1", "t", "closed"));
        q.Enqueue(new ServerMessage.SessionClosed("s1", "t", "closed"));
        Assert.Equal(4, Drain(q).Count);
    }

    [Fact]
    public void CompleteWithDiscard_DropsPendingMessages_AndRefusesNewOnes()
    {
        var q = new OutboundQueue(10);
        q.Enqueue(Pong);
        q.Enqueue(Update("s1", "v1"));
        q.Complete(discard: true);
        Assert.True(q.IsCompleted);
        Assert.False(q.TryDequeue(out _));
        Assert.Equal(EnqueueResult.Closed, q.Enqueue(Pong));
        Assert.Equal(EnqueueResult.Closed, q.Enqueue(Update("s1", "v2")));
    }

    [Fact]
    public void CompleteWithoutDiscard_LetsTheWriterDrainWhatIsPending()
    {
        var q = new OutboundQueue(10);
        q.Enqueue(Pong);
        q.Enqueue(Update("s1", "v1"));
        q.Complete(discard: false);
        Assert.Equal(EnqueueResult.Closed, q.Enqueue(Pong));
        Assert.Equal([Pong, Update("s1", "v1")], Drain(q));
    }

    [Fact]
    public void OnlyTheFirstMessageIntoAnIdleQueue_WakesTheWriter()
    {
        var q = new OutboundQueue(10);
        q.Enqueue(Pong, out var first);
        q.Enqueue(Pong, out var second);
        Assert.True(first);
        Assert.False(second);

        Assert.Equal(2, Drain(q).Count); // the writer found it empty: idle again
        q.Enqueue(Pong, out var afterIdle);
        Assert.True(afterIdle);
    }

    [Fact]
    public void CompletingAnIdleQueue_WakesTheWriter_ToSeeTheEndOnce()
    {
        var q = new OutboundQueue(10);
        Assert.True(q.Complete(discard: true));
        Assert.False(q.Complete(discard: true));
        Assert.Equal(DequeueResult.Ended, q.Next(out _));
    }

    [Fact]
    public void CompletingWhileTheWriterRuns_DoesNotWakeASecondOne()
    {
        var q = new OutboundQueue(10);
        q.Enqueue(Pong, out _);
        Assert.False(q.Complete(discard: false));
        Assert.Equal(DequeueResult.Message, q.Next(out _));
        Assert.Equal(DequeueResult.Ended, q.Next(out _));
    }
}

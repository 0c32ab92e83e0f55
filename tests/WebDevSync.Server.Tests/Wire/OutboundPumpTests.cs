using System.Collections.Concurrent;
using WebDevSync.Server.Relay;

namespace WebDevSync.Server.Tests.Wire;

public sealed class OutboundPumpTests
{
    /// <summary>A pump that records what it writes and fails if two writes ever overlap.</summary>
    private sealed class RecordingPump(int limit, Func<ServerMessage, Task>? write = null) : OutboundPump(limit)
    {
        private int _writing;
        public readonly ConcurrentQueue<ServerMessage> Written = new();
        public int Overlaps, Ends;

        public EnqueueResult Send(ServerMessage m) => Push(m);

        public void End(bool discard) => Complete(discard);

        protected override async ValueTask<bool> WriteAsync(ServerMessage message)
        {
            if (Interlocked.Increment(ref _writing) > 1) Interlocked.Increment(ref Overlaps);
            if (write is not null) await write(message);
            Written.Enqueue(message);
            Interlocked.Decrement(ref _writing);
            return true;
        }

        protected override ValueTask EndAsync()
        {
            Interlocked.Increment(ref Ends);
            return ValueTask.CompletedTask;
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition()) { Assert.True(clock.Elapsed < Timeouts.Wait, "condition not reached in time"); await Task.Delay(5); }
    }

    private static ServerMessage Update(string session, int i) => new ServerMessage.CodeUpdate(session, "t", i.ToString(), i);

    [Fact]
    public async Task ManyProducers_OneWriteAtATime_EveryMessageOnce_EachSessionsNewestLast_AndOneEnd()
    {
        var pump = new RecordingPump(100_000, async _ => await Task.Yield());
        const int producers = 4, perProducer = 2000;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                pump.Send(new ServerMessage.Error(ErrorCode.Internal, $"{p}:{i}", null, null));
                pump.Send(Update($"s{p}", i));
            }
        })));
        pump.End(discard: false);
        await pump.Finished.WaitAsync(Timeouts.Wait);

        Assert.Equal(0, pump.Overlaps);
        Assert.Equal(1, pump.Ends);
        Assert.Equal(producers * perProducer, pump.Written.OfType<ServerMessage.Error>().Select(e => e.Message).Distinct().Count());
        foreach (var p in Enumerable.Range(0, producers))
        {
            var codes = pump.Written.OfType<ServerMessage.CodeUpdate>().Where(u => u.SessionId == $"s{p}").Select(u => int.Parse(u.Code)).ToList();
            Assert.Equal(perProducer - 1, codes[^1]);
            Assert.Equal(codes.Order(), codes); // never an older update after a newer one
        }
    }

    [Fact]
    public async Task AnIdlePump_WakesForTheNextMessage_AndFinishesOnlyWhenCompleted()
    {
        var pump = new RecordingPump(10);
        pump.Send(new ServerMessage.Pong());
        await Until(() => pump.Written.Count == 1);
        Assert.False(pump.Finished.IsCompleted);

        pump.Send(new ServerMessage.DesktopStatus(true));
        await Until(() => pump.Written.Count == 2); // written after idling
        pump.End(discard: true);
        await pump.Finished.WaitAsync(Timeouts.Wait);
        Assert.Equal(1, pump.Ends);
    }

    [Fact]
    public async Task AWriteThatFails_StopsThePump_RefusesMore_AndFinishes()
    {
        var pump = new RecordingPump(10, _ => throw new IOException("peer gone"));
        pump.Send(new ServerMessage.Pong());
        await pump.Finished.WaitAsync(Timeouts.Wait);
        Assert.Equal(EnqueueResult.Closed, pump.Send(new ServerMessage.Pong()));
        Assert.Equal(0, pump.Ends);
    }

    [Fact]
    public void WhileDeferring_AWokenPumpWritesNothing_UntilStartDeferred_ThenEverythingInOrder()
    {
        var pump = new RecordingPump(10);
        Assert.True(OutboundPump.DeferStarts());
        Assert.False(OutboundPump.DeferStarts()); // nested: the outer caller starts them
        pump.Send(Update("s", 1));
        pump.Send(new ServerMessage.Pong());
        Assert.Empty(pump.Written); // as under a shard's lock: queued, not yet written

        OutboundPump.StartDeferred(); // writes complete synchronously here, on this thread
        Assert.Equal(["CodeUpdate", "Pong"], pump.Written.Select(m => m.GetType().Name));

        pump.Send(new ServerMessage.DesktopStatus(true)); // no longer deferring: written at once
        Assert.Equal(3, pump.Written.Count);
    }

    [Fact]
    public void StartDeferred_StartsEachWokenPumpOnce()
    {
        var first = new RecordingPump(10);
        var second = new RecordingPump(10);
        OutboundPump.DeferStarts();
        first.Send(new ServerMessage.Pong());
        second.Send(new ServerMessage.Pong());
        first.Send(new ServerMessage.DesktopStatus(false)); // the pump is already woken: not noted again
        OutboundPump.StartDeferred();
        OutboundPump.StartDeferred(); // nothing left to start

        Assert.Equal(2, first.Written.Count);
        Assert.Single(second.Written);
        Assert.Equal(0, first.Overlaps + second.Overlaps);
    }
}

using System.Buffers;
using System.IO.Pipelines;
using Grpc.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WebDevSync.Grpc.Server;
using WebDevSync.Grpc.Wire;
using Xunit;

namespace WebDevSync.Grpc.Tests.Wire;

/// <summary>The response writer over a PipeWriter that notices when two callers use it at once.</summary>
public sealed class CallResponseWriterTests
{
    [Fact]
    public async Task ConcurrentWrites_NeverOverlapOnThePipeWriter_AndEachFrameIsWhole()
    {
        var pipe = new OverlapDetectingWriter();
        var writer = new CallResponseWriter(ResponseOver(pipe), GrpcProtocol.Native, maxMessageSize: 1 << 20);
        var messages = Enumerable.Range(1, 50).Select(i => new Payload { Body = Google.Protobuf.ByteString.CopyFrom(new byte[i * 100]) }).ToArray();

        await Task.WhenAll(messages.Select(m => Task.Run(() => writer.WriteMessageAsync(m, CancellationToken.None))));

        Assert.False(pipe.Overlapped, "two writers used the PipeWriter at the same time");
        var sizes = Hosting.RawGrpc.SplitFrames(pipe.Written.WrittenSpan).Select(f => Payload.Parser.ParseFrom(f.Payload).Body.Length);
        Assert.Equal(messages.Select(m => m.Body.Length).Order(), sizes.Order());
    }

    [Fact]
    public async Task WritesAfterTheStatus_AreRefused()
    {
        var pipe = new OverlapDetectingWriter();
        var writer = new CallResponseWriter(ResponseOver(pipe), GrpcProtocol.Web, maxMessageSize: 1 << 20);
        await writer.CompleteAsync(GrpcStatus.Ok, []);
        Assert.False(await writer.TryWriteMessageAsync(new Empty(), CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteMessageAsync(new Empty(), CancellationToken.None));
        Assert.Equal(0x80, Assert.Single(Hosting.RawGrpc.SplitFrames(pipe.Written.WrittenSpan)).Flags);
    }

    private static HttpResponse ResponseOver(PipeWriter pipe)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseBodyFeature>(new PipeBodyFeature(pipe));
        return context.Response;
    }

    private sealed class PipeBodyFeature(PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => writer.AsStream();
        public PipeWriter Writer => writer;
        public Task CompleteAsync() => Task.CompletedTask;
        public void DisableBuffering() { }
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>Every member marks itself busy; a flush stays busy for a while, so unsynchronized callers collide.</summary>
    private sealed class OverlapDetectingWriter : PipeWriter
    {
        private int _busy;
        public ArrayBufferWriter<byte> Written { get; } = new();
        public bool Overlapped { get; private set; }

        public override void Advance(int bytes) => Busy(() => Written.Advance(bytes));
        public override Memory<byte> GetMemory(int sizeHint = 0) => Busy(() => Written.GetMemory(sizeHint));
        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
        public override void CancelPendingFlush() { }
        public override void Complete(Exception? exception = null) { }

        public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Enter();
            await Task.Delay(2, cancellationToken);
            Interlocked.Decrement(ref _busy);
            return new FlushResult(isCanceled: false, isCompleted: false);
        }

        private T Busy<T>(Func<T> action)
        {
            Enter();
            try { return action(); } finally { Interlocked.Decrement(ref _busy); }
        }

        private void Busy(Action action) => Busy(() => { action(); return 0; });

        private void Enter()
        {
            if (Interlocked.Increment(ref _busy) > 1) Overlapped = true;
        }
    }
}

using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Grpc.Wire;
using Xunit;

namespace WebDevSync.Grpc.Tests.Wire;

public sealed class MessageFramingTests
{
    [Fact]
    public void WrittenFrames_ReadBackInOrder_WhateverTheSegmentBoundaries()
    {
        var arb = Arb.Zip(ArbMap.Default.ArbFor<byte[][]>(), ArbMap.Default.ArbFor<int[]>());
        Prop.ForAll(arb, input =>
        {
            var (messages, cuts) = input;
            var written = new ArrayBufferWriter<byte>();
            foreach (var message in messages) MessageFraming.WriteFrame(written, 0, message);
            var buffer = Segmented(written.WrittenSpan.ToArray(), cuts);
            var read = new List<byte[]>();
            while (MessageFraming.TryRead(ref buffer, int.MaxValue) is FrameReadResult.Message frame)
                read.Add(frame.Payload.ToArray());
            return buffer.IsEmpty && read.Count == messages.Length && read.Zip(messages).All(p => p.First.SequenceEqual(p.Second));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void AnyStrictPrefixOfAFrame_IsIncomplete_AndConsumesNothing()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<int>(), (payload, cut) =>
        {
            var written = new ArrayBufferWriter<byte>();
            MessageFraming.WriteFrame(written, 0, payload);
            var prefixLength = Math.Abs(cut % written.WrittenCount);
            var buffer = new ReadOnlySequence<byte>(written.WrittenMemory[..prefixLength]);
            return MessageFraming.TryRead(ref buffer, int.MaxValue) is FrameReadResult.Incomplete && buffer.Length == prefixLength;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void DeclaredLengthOverTheLimit_IsTooLarge_BeforeTheBodyArrives()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF });
        var result = MessageFraming.TryRead(ref buffer, 4 * 1024 * 1024);
        Assert.Equal(new FrameReadResult.TooLarge(uint.MaxValue), result);
    }

    [Theory]
    [InlineData(0x02)]
    [InlineData(0x80)]
    [InlineData(0x68)]
    public void FlagsOtherThanCompressed_AreInvalidForRequests(byte flags)
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { flags, 0, 0, 0, 0 });
        Assert.Equal(new FrameReadResult.InvalidFlags(flags), MessageFraming.TryRead(ref buffer, 100));
    }

    [Fact]
    public void CompressedFlag_IsReported()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 1, 0, 0, 0, 1, 42 });
        var frame = Assert.IsType<FrameReadResult.Message>(MessageFraming.TryRead(ref buffer, 100));
        Assert.True(frame.Compressed);
    }

    [Fact]
    public void Header_IsFlagsThenBigEndianLength()
    {
        var written = new ArrayBufferWriter<byte>();
        MessageFraming.WriteFrame(written, 0x80, new byte[258]);
        Assert.Equal(new byte[] { 0x80, 0, 0, 1, 2 }, written.WrittenSpan[..5].ToArray());
    }

    /// <summary>Splits bytes into a multi-segment sequence at the given (normalized) cut points.</summary>
    internal static ReadOnlySequence<byte> Segmented(byte[] bytes, int[] cuts)
    {
        var points = (cuts ?? []).Select(c => bytes.Length == 0 ? 0 : Math.Abs(c % bytes.Length)).Append(0).Append(bytes.Length)
            .Distinct().Order().ToArray();
        Segment? first = null, last = null;
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var memory = bytes.AsMemory(points[i], points[i + 1] - points[i]);
            if (last is null) first = last = new Segment(memory, 0);
            else last = last.Append(memory);
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex) => (Memory, RunningIndex) = (memory, runningIndex);

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Grpc.Wire;
using Xunit;

namespace WebDevSync.Grpc.Tests.Wire;

public sealed class Base64ChunksTests
{
    [Fact]
    public void ConcatenatedPaddedChunks_DecodeToTheConcatenatedBytes()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[][]>(), chunks =>
        {
            var text = Encoding.ASCII.GetBytes(string.Concat(chunks.Select(c => Convert.ToBase64String(c))));
            var output = new ArrayBufferWriter<byte>();
            var result = Base64Chunks.Decode(text, output, out var consumed);
            return result == Base64Chunks.DecodeResult.Ok && consumed == text.Length &&
                   output.WrittenSpan.SequenceEqual(chunks.SelectMany(c => c).ToArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void IncompleteQuad_IsLeftForMoreInput()
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(Base64Chunks.DecodeResult.Ok, Base64Chunks.Decode("AAECAw"u8, output, out var consumed));
        Assert.Equal(4, consumed);
        Assert.Equal(new byte[] { 0, 1, 2 }, output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("!!!!")]
    [InlineData("AA=A")]
    public void NonBase64_IsInvalid(string text) =>
        Assert.Equal(Base64Chunks.DecodeResult.Invalid, Base64Chunks.Decode(Encoding.ASCII.GetBytes(text), new ArrayBufferWriter<byte>(), out _));

    [Fact]
    public void Encode_IsStandardPaddedBase64()
    {
        var output = new ArrayBufferWriter<byte>();
        Base64Chunks.Encode([1, 2, 3, 4], output);
        Assert.Equal("AQIDBA==", Encoding.ASCII.GetString(output.WrittenSpan));
    }
}

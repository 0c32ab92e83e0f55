using System.Text;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Grpc.Wire;
using Xunit;

namespace WebDevSync.Grpc.Tests.Wire;

public sealed class StatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain text, with punctuation: ok!", "plain text, with punctuation: ok!")]
    [InlineData("100%", "100%25")]
    [InlineData("\t\n", "%09%0A")]
    [InlineData("☺", "%E2%98%BA")]
    [InlineData("😈", "%F0%9F%98%88")]
    [InlineData("~ \u007f", "~ %7F")]
    public void Encode_EscapesExactlyBytesOutsidePrintableAsciiAndPercent(string message, string expected) =>
        Assert.Equal(expected, StatusMessageEncoding.Encode(message));

    [Theory]
    [InlineData("%zz and %4", "%zz and %4")]
    [InlineData("%e2%98%ba", "☺")]
    [InlineData("trailing %", "trailing %")]
    public void Decode_KeepsBrokenEscapes_AndAcceptsLowerCaseHex(string encoded, string expected) =>
        Assert.Equal(expected, StatusMessageEncoding.Decode(encoded));

    [Fact]
    public void EncodedMessages_OnlyUsePrintableAscii_AndDecodeBack()
    {
        var wellFormed = ArbMap.Default.ArbFor<string>().Filter(s => s is not null && IsWellFormedUtf16(s));
        Prop.ForAll(wellFormed, message =>
        {
            var encoded = StatusMessageEncoding.Encode(message);
            return encoded.All(c => c is >= ' ' and <= '~') && StatusMessageEncoding.Decode(encoded) == message;
        }).QuickCheckThrowOnFailure();
    }

    private static bool IsWellFormedUtf16(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s;
}

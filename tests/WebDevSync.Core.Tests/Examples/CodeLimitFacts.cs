using static WebDevSync.Core.Tests.Examples.Inputs;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>The code limit counts UTF-8 bytes, the unit of the transports' message limit, not UTF-16 chars.</summary>
public class CodeLimitFacts
{
    [Theory]
    [InlineData("abcdefghij", 10, false)]
    [InlineData("abcdefghijk", 10, true)]
    [InlineData("ééééé", 10, false)]        // 5 chars, 10 bytes
    [InlineData("éééééé", 10, true)]        // 6 chars, 12 bytes: under the limit in chars, over it in bytes
    [InlineData("日本語", 9, false)]         // 3 chars, 9 bytes
    [InlineData("日本語x", 9, true)]
    [InlineData("😀😀", 8, false)]          // 4 UTF-16 chars (two surrogate pairs), 8 bytes
    [InlineData("😀😀😀", 8, true)]
    public void CodeTooLarge_CountsUtf8Bytes(string code, int maxBytes, bool expected) =>
        Assert.Equal(expected, Limits.CodeTooLarge(code, maxBytes));

    [Fact]
    public void EditRequest_WhoseCodeFitsInCharsButNotInBytes_IsPayloadTooLarge() =>
        Spec.Given(RouterOptions.Default with { MaxCodeBytes = 10 }, Browser(1, "alice", "b-1"))
            .When(Edit(1, "s1", "éééééé", "t1"))
            .ThenError(1, new ServerMessage.Error(ErrorCode.PayloadTooLarge, "code is larger than 10 bytes (UTF-8)", "b-1", "s1"));
}

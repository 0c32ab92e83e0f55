namespace WebDevSync.Agent.Tests.Files;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("code-1", "0f8fad5b-d9cb-469f-a165-70867728950e", "js", "code-1-0f8fad5b.js")]
    [InlineData("../../etc/passwd", "s1", "sh", "etc_passwd-s1.sh")]
    [InlineData("", "", "", "textarea-session.txt")]
    [InlineData("..", "..", "..", "textarea-session.txt")]
    [InlineData("my textarea", "abc", "tsx", "my_textarea-abc.tsx")]
    [InlineData("x", "y", "thisextensionistoolong", "x-y.txt")]
    [InlineData("x", "y", "j.s", "x-y.txt")]
    public void For_builds_textarea_short_id_and_extension(string textarea, string session, string type, string expected) =>
        Assert.Equal(expected, FileNames.For(textarea, session, type));

    /// <summary>Found by FileNameProperties (seed 1012623467703467999,15227617114481841053): "$" matched before a final newline.</summary>
    [Fact]
    public void A_file_type_with_a_trailing_newline_becomes_txt_and_no_name_holds_a_newline()
    {
        Assert.Equal("txt", FileNames.Extension("Gz\n"));
        Assert.Equal("textarea-w.txt", FileNames.For("", "^!w", "Gz\n"));
    }

    [Fact]
    public void Unique_numbers_a_taken_name() =>
        Assert.Equal("a-s1-3.js", FileNames.Unique("a-s1.js", ["a-s1.js", "a-s1-2.js"]));
}

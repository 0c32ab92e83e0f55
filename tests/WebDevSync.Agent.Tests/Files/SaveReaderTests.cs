namespace WebDevSync.Agent.Tests.Files;

public sealed class SaveReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"wds-save-{Guid.NewGuid():N}.txt");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_utf8_byte_order_mark_an_editor_added_does_not_reach_the_textarea()
    {
        File.WriteAllText(_path, "let x = 'é';\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var read = Assert.IsType<SaveRead.Content>(SaveReader.Read(_path, 1000));
        Assert.Equal("let x = 'é';\n", read.Text);
    }

    [Fact]
    public void A_file_over_the_limit_is_not_read()
    {
        File.WriteAllText(_path, new string('x', 2000));

        Assert.Equal(new SaveRead.TooLarge(2000), SaveReader.Read(_path, 1000));
    }
}

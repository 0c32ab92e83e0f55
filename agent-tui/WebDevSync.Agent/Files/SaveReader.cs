using System.Text;

namespace WebDevSync.Agent.Files;

/// <summary>What reading a saved file gave.</summary>
public abstract record SaveRead
{
    private SaveRead() { }

    public sealed record Content(string Text, FileStamp Stamp) : SaveRead;

    /// <summary>The file is not there (deleted, to be recreated) — wait for the next event.</summary>
    public sealed record Missing : SaveRead;

    /// <summary>A writer is still at it — read again after the next quiet period.</summary>
    public sealed record Busy : SaveRead;

    public sealed record TooLarge(long Length) : SaveRead;

    public sealed record Failed(string Reason) : SaveRead;
}

/// <summary>Reads a whole file only when it is stable: same length and time before and after the read.</summary>
public static class SaveReader
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static SaveRead Read(string path, long maxBytes)
    {
        try
        {
            if (FileStamp.Of(path) is not { } before) return new SaveRead.Missing();
            if (before.Length > maxBytes) return new SaveRead.TooLarge(before.Length);
            var bytes = File.ReadAllBytes(path);
            var after = FileStamp.Of(path);
            if (after is null) return new SaveRead.Missing();
            if (after != before || bytes.LongLength != after.Value.Length) return new SaveRead.Busy();
            return new SaveRead.Content(Utf8.GetString(WithoutBom(bytes)), after.Value);
        }
        catch (FileNotFoundException) { return new SaveRead.Missing(); }
        catch (DirectoryNotFoundException) { return new SaveRead.Missing(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SaveRead.Failed(e.GetType().Name);
        }
    }

    /// <summary>
    /// Some editors (and Windows tools) save UTF-8 with a byte-order mark; in the textarea it would be an
    /// invisible U+FEFF before the code.
    /// </summary>
    private static ReadOnlySpan<byte> WithoutBom(byte[] bytes) =>
        bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes.AsSpan(3) : bytes;
}

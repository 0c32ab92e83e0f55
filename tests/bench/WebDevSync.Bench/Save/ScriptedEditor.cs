using System.Globalization;
using System.Text;

namespace WebDevSync.Bench.Save;

/// <summary>
/// The "editor" the agent launches in the save benchmark: it saves the file N times, each time with the
/// wall-clock time of the write and a sequence number on its first line (<c>TICKS SEQ</c>, TICKS =
/// DateTime.UtcNow.Ticks), then exits. The browser side subtracts that time from its arrival time.
/// Wall-clock, because writer and reader are different processes; both run on this machine.
/// </summary>
public static class ScriptedEditor
{
    private static readonly UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<int> RunAsync(string file, int saves, int intervalMs, int payloadBytes)
    {
        if (!File.Exists(file)) return 3;
        await Task.Delay(300); // the agent starts watching as it launches us
        var padding = new string('x', Math.Max(0, payloadBytes - 40)) + "\n";
        for (var seq = 0; seq < saves; seq++)
        {
            var content = $"{DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture)} {seq.ToString(CultureInfo.InvariantCulture)}\n{padding}";
            await File.WriteAllTextAsync(file, content, NoBom);
            await Task.Delay(intervalMs);
        }
        await Task.Delay(500);
        return 0;
    }

    /// <summary>The write time and sequence number of a saved content, or null when it is not one of ours.</summary>
    public static (long Ticks, int Seq)? Parse(string code)
    {
        var end = code.IndexOf('\n');
        if (end < 0) return null;
        var parts = code[..end].Split(' ');
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var seq)
            ? (ticks, seq) : null;
    }
}

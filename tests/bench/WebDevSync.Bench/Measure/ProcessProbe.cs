using System.Globalization;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Measure;

/// <summary>A process's CPU time and memory as Linux reports them, read at one instant.</summary>
public sealed record ProcessSample(double CpuSeconds, long RssBytes, long PeakRssBytes);

/// <summary>
/// Reads <c>/proc/PID/stat</c> (utime + stime, in clock ticks) and, through the kit's
/// <see cref="ProcMemory"/>, <c>/proc/PID/status</c> (VmRSS, VmHWM). Clock ticks are 1/100 s on Linux (<c>getconf CLK_TCK</c>); runs last seconds, so
/// that resolution is enough.
/// </summary>
public static class ProcessProbe
{
    private const double TicksPerSecond = 100.0;

    public static ProcessSample Sample(int pid) => new(CpuSeconds(pid), ProcMemory.RssBytes(pid), ProcMemory.PeakRssBytes(pid));

    public static ProcessSample Self() => Sample(Environment.ProcessId);

    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>The CPU seconds of a process and its children (nginx: the master and its workers).</summary>
    public static double TreeCpuSeconds(int pid) => CpuSeconds(pid) + ChildrenOf(pid).Sum(CpuSeconds);

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child) || child == pid) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; } catch (UnauthorizedAccessException) { continue; }
            // fields[1] after the command name is field 4, the parent's pid.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && fields[1] == pid.ToString(CultureInfo.InvariantCulture)) yield return child;
        }
    }

    /// <summary>The 1-minute load average, to say how busy the shared machine was.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}

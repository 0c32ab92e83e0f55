using System.Globalization;

namespace WebDevSync.TestKit.Processes;

/// <summary>A process's memory as Linux reports it in <c>/proc/PID/status</c>.</summary>
public static class ProcMemory
{
    /// <summary>Resident set size (VmRSS).</summary>
    public static long RssBytes(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    /// <summary>The highest resident set size so far (VmHWM).</summary>
    public static long PeakRssBytes(int pid) => StatusKb(pid, "VmHWM:") * 1024;

    public static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";

    private static long StatusKb(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        throw new InvalidOperationException($"no {key} for pid {pid}");
    }
}

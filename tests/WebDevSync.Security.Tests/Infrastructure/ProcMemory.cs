namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Reads a process's resident memory from /proc (Linux).</summary>
public static class ProcMemory
{
    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        throw new InvalidOperationException($"no VmRSS for pid {pid}");
    }

    public static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):F1} MiB";
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using WebDevSync.Bench.Measure;

namespace WebDevSync.Bench.Suite;

/// <summary>What the figures were measured on.</summary>
public sealed record Machine(int Cpus, double MemoryGb, string Dotnet, string Node, string Kernel, string StartedUtc, double LoadAverageAtStart, double LoadAverageAtEnd)
{
    public static Machine Describe(string root) => new(
        Environment.ProcessorCount,
        MemTotalKb() / 1048576.0,
        RuntimeInformation.FrameworkDescription,
        Run("node", "--version"),
        RuntimeInformation.OSDescription,
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"),
        ProcessProbe.LoadAverage(),
        double.NaN);

    private static double MemTotalKb() =>
        File.ReadLines("/proc/meminfo").Where(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    private static string Run(string file, string args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true })!;
            var text = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return text;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }
}

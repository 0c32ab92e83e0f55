using System.Globalization;
using System.Text;
using WebDevSync.Bench.Load;

namespace WebDevSync.Bench.Suite;

/// <summary>Plain-text tables for a terminal and for docs/PERFORMANCE.md (Markdown pipes).</summary>
public static class Report
{
    public static string LoadTable(IEnumerable<LoadResult> results)
    {
        var rows = results.Select(r => new[]
        {
            r.Server, r.Scenario, F(r.RoundTripsPerSecond, 0), r.Errors.ToString(CultureInfo.InvariantCulture),
            $"{r.BrowserToAgentUs.P50}/{r.BrowserToAgentUs.P90}/{r.BrowserToAgentUs.P99}/{r.BrowserToAgentUs.Max}",
            $"{r.AgentToBrowserUs.P50}/{r.AgentToBrowserUs.P90}/{r.AgentToBrowserUs.P99}/{r.AgentToBrowserUs.Max}",
            F(r.ServerCpuUsPerRoundTrip, 1), F(r.ServerPeakRssMb, 1), F(r.GeneratorCpuPercent, 0), F(r.LoadAverage, 2),
        });
        return Table(["server", "scenario", "rt/s", "errors", "b→a µs p50/p90/p99/max", "a→b µs p50/p90/p99/max", "srv CPU µs/rt", "srv peak MB", "gen CPU %", "load"], rows);
    }

    public static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        for (var n = 0; n < all.Count; n++)
        {
            text.Append("| ").AppendJoin(" | ", all[n].Select((c, i) => c.PadRight(widths[i]))).Append(" |\n");
            if (n == 0) text.Append("|").AppendJoin("|", widths.Select(w => new string('-', w + 2))).Append("|\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    public static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}

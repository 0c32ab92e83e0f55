using System.Globalization;

namespace WebDevSync.Bench;

/// <summary><c>command --name value --flag</c>: the command, then switches by name.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchArgs(IReadOnlyList<string> args)
    {
        Command = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "suite";
        for (var i = Command == "suite" && (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? 0 : 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) { Positional.Add(args[i]); continue; }
            var name = args[i][2..];
            _values[name] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
    }

    public string Command { get; }

    public List<string> Positional { get; } = [];

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) => _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>The repository root: <c>--root</c>, or the folder above this program holding WebDevSync.sln.</summary>
    public string Root()
    {
        return _values.TryGetValue("root", out var root) ? Path.GetFullPath(root) : WebDevSync.TestKit.RepoPaths.Root;
    }
}

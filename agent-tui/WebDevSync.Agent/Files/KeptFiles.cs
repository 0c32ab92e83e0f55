namespace WebDevSync.Agent.Files;

/// <summary>What a start's clean-up of the kept files did.</summary>
public sealed record KeptSweep(int Removed, string? Problem);

/// <summary>
/// The lifetime of kept files (<c>&lt;stateDir&gt;/kept/</c>, the text of sessions whose tab or agent went
/// while an editor had them): an agent that starts removes those not changed for <c>keptFileMaxAgeDays</c>,
/// except the ones a session it resumes still writes to. Only plain files of this user are removed, through
/// the directory's descriptor, never through a link.
/// </summary>
public static class KeptFiles
{
    public const string DirectoryName = "kept";

    /// <summary>Whether a kept file last changed at <paramref name="lastWriteUtc"/> has outlived its time.</summary>
    public static bool Expired(DateTime lastWriteUtc, TimeSpan maxAge, DateTime nowUtc) => nowUtc - lastWriteUtc > maxAge;

    /// <summary>When a kept file last changed at <paramref name="lastWriteUtc"/> goes (at the first agent start after it).</summary>
    public static DateTime RemovedAfter(DateTime lastWriteUtc, TimeSpan maxAge) => lastWriteUtc + maxAge;

    public static KeptSweep RemoveExpired(string stateDirectory, TimeSpan maxAge, DateTime nowUtc, IReadOnlyCollection<string> inUse)
    {
        var path = Path.Combine(stateDirectory, DirectoryName);
        if (!Directory.Exists(path)) return new KeptSweep(0, null);
        using var dir = OwnedDirectory.Open(path, out var problem);
        if (dir is null) return new KeptSweep(0, $"{path}: {problem}");
        var removed = 0;
        foreach (var name in dir.Names())
            if (!inUse.Contains(Path.Combine(path, name)) && dir.RemoveFile(name, f => f.IsRegularFile && Expired(f.LastWriteUtc, maxAge, nowUtc)))
                removed++;
        return new KeptSweep(removed, null);
    }
}

namespace WebDevSync.Tests.Properties;

/// <summary>
/// How many cases each property runs, for every test suite (the Agent, Server and Transport suites
/// compile this file too). A property names one of these counts; <c>WEBDEVSYNC_PROPERTY_CASES</c>
/// replaces every one of them, to hunt longer (or shorter) than the quick defaults without editing a test.
/// </summary>
public static class Cases
{
    public const int Brief = 100;
    public const int Short = 300;
    public const int Medium = 500;
    public const int Standard = 1000;
    public const int Long = 1500;
    public const int Longest = 2000;

    /// <summary>The environment's count when it sets one, else <paramref name="quick"/>.</summary>
    public static int Of(int quick) =>
        int.TryParse(Environment.GetEnvironmentVariable("WEBDEVSYNC_PROPERTY_CASES"), out var n) && n > 0 ? n : quick;
}

/// <summary>
/// FsCheck.Xunit's <c>[Property]</c> with its case count taken from <see cref="Cases"/>. On a failure
/// FsCheck.Xunit reports the original and the shrunk arguments (by their <c>ToString</c>) and the seed
/// to replay them with (<c>Replay = "(seed,gamma,size)"</c> on the attribute).
/// </summary>
public class PropertyAttribute : FsCheck.Xunit.PropertyAttribute
{
    public PropertyAttribute(int cases = Cases.Brief) => MaxTest = Cases.Of(cases);
}

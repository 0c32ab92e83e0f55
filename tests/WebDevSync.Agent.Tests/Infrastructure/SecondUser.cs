using System.Diagnostics;

namespace WebDevSync.Agent.Tests.Infrastructure;

/// <summary>
/// Another Unix user on the developer's machine (<c>nobody</c>, through <c>runuser</c>; the suite runs
/// as root in CI), and a shared directory like <c>/tmp</c> (mode 1777) both of them can write to.
/// </summary>
public static class SecondUser
{
    public const string Name = "nobody";
    public const uint Uid = 65534;

    /// <summary>Runs <paramref name="argv"/> as the other user; its exit code and output.</summary>
    public static (int Code, string Output) Run(params string[] argv)
    {
        if (Environment.UserName != "root") throw new InvalidOperationException("tests that play another local user run as root (as in CI): runuser needs it");
        var start = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in (string[])["-u", Name, "--", .. argv]) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Result + error);
    }

    /// <summary>Runs <paramref name="argv"/> as the other user and fails the test when it fails.</summary>
    public static string MustRun(params string[] argv)
    {
        var (code, output) = Run(argv);
        if (code != 0) throw new InvalidOperationException($"as {Name}: {string.Join(' ', argv)} exited {code}: {output}");
        return output;
    }

    /// <summary>A directory in <paramref name="dir"/> that works like <c>/tmp</c>: everyone may create entries, only owners remove theirs.</summary>
    public static string SharedTmp(TempDirectory dir)
    {
        // The scratch directory is 0700; the other user needs to pass through it.
        File.SetUnixFileMode(dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var shared = dir.Sub("shared-tmp");
        File.SetUnixFileMode(shared, (UnixFileMode)0b1_111_111_111); // 1777
        return shared;
    }
}

using System.Diagnostics;
using System.Threading.Channels;

namespace WebDevSync.Security.Tests.Infrastructure;

/// <summary>Scripts/scripted-agent.mjs as a real node process: a test writes saves to it and can kill -9 it.</summary>
public sealed class ScriptedAgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private ScriptedAgentProcess(Process process) => _process = process;

    public static ScriptedAgentProcess Start(Uri url, string token, string connectionId, string userId, string stateFile)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var a in new[] { Path.Combine(RepoPaths.Root, "tests", "WebDevSync.Security.Tests", "Scripts", "scripted-agent.mjs"), url.ToString(), token, connectionId, userId, stateFile })
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var agent = new ScriptedAgentProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) agent._lines.Writer.TryWrite(e.Data); else agent._lines.Writer.TryComplete(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) agent._lines.Writer.TryWrite("stderr: " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>The next stdout line that satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(guard.Token))
                while (_lines.Reader.TryRead(out var line))
                    if (match(line)) return line;
        }
        catch (OperationCanceledException)
        {
        }
        throw new TimeoutException($"agent never printed {what}");
    }

    public async Task SaveAsync(string sessionId, string code)
    {
        await _process.StandardInput.WriteLineAsync($"save {sessionId} {code}");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        await _process.WaitForExitAsync(guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

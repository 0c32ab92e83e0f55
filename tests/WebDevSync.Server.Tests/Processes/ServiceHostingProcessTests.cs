using System.Diagnostics;
using System.Net.Sockets;

namespace WebDevSync.Server.Tests.Processes;

/// <summary>
/// The real executable as a service: under systemd it notifies readiness and stopping on NOTIFY_SOCKET
/// (Type=notify) and logs with syslog priorities; with logFormat json every stdout line is a JSON entry.
/// </summary>
public sealed class ServiceHostingProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new("wds-service-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task JsonLogFormat_WritesEveryStdoutLineAsAJsonEntry()
    {
        await using var server = RelayProcess.Launch(["--port", "0", "--grpc-port", "-1", "--log-format", "json"]);
        await server.ListeningAsync();
        await server.TerminateAsync();
        Assert.Equal(0, await server.ExitCodeAsync());

        var lines = server.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, server.Stdout); // the open-mode warning, listening, shutting down
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.Equal("WebDevSync.Server", entry.RootElement.GetProperty("Category").GetString());
            Assert.False(string.IsNullOrEmpty(entry.RootElement.GetProperty("LogLevel").GetString()));
            Assert.EndsWith("Z", entry.RootElement.GetProperty("Timestamp").GetString());
        }
        Assert.Contains(lines, l => l.Contains("\"Message\":\"WebDevSync listening on http://127.0.0.1:", StringComparison.Ordinal));
    }

    /// <summary>
    /// The hosting library takes a parent process named <c>systemd</c> for the service manager, so the
    /// relay is started by a shell of that name, with NOTIFY_SOCKET naming a datagram socket the test reads.
    /// </summary>
    [Fact]
    public async Task UnderSystemd_NotifiesReadyAndStopping_AndLogsWithPriorities()
    {
        var notifyPath = _temp.File("notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        var systemd = _temp.File("systemd");
        File.CreateSymbolicLink(systemd, "/bin/bash");

        var start = new ProcessStartInfo(systemd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"dotnet '{RepoPaths.ServerDll}' --port 0 --grpc-port -1; exit $?"); // not exec'd: the parent stays 'systemd'
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("WEBDEVSYNC", StringComparison.OrdinalIgnoreCase) || k is "PORT" or "DEBUG" or "SESSION_SECRET" or "CORS_ORIGINS").ToList())
            start.Environment.Remove(name);
        start.Environment["NOTIFY_SOCKET"] = notifyPath;
        using var parent = Process.Start(start)!;
        var stdout = parent.StandardOutput.ReadToEndAsync();
        try
        {
            Assert.Equal("READY=1", await ReceiveAsync(notify));
            var relay = int.Parse(File.ReadAllText($"/proc/{parent.Id}/task/{parent.Id}/children").Trim());
            using (var kill = Process.Start("/bin/kill", ["-TERM", relay.ToString()])) await kill.WaitForExitAsync();
            Assert.Equal("STOPPING=1", await ReceiveAsync(notify));
            using var guard = new CancellationTokenSource(Timeouts.Wait);
            await parent.WaitForExitAsync(guard.Token);
            Assert.Equal(0, parent.ExitCode);
            var output = await stdout;
            Assert.Contains("<4>WebDevSync.Server[9] No session secret configured", output); // warning = syslog priority 4
            Assert.Contains("<6>WebDevSync.Server[7] Shutting down", output);               // information = 6
        }
        finally
        {
            if (!parent.HasExited) parent.Kill(entireProcessTree: true);
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var guard = new CancellationTokenSource(Timeouts.Wait);
        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, guard.Token);
        return Encoding.ASCII.GetString(buffer, 0, n).Trim();
    }
}

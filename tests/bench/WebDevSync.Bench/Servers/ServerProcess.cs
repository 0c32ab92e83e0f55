using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace WebDevSync.Bench.Servers;

public enum ServerKind { WebDevSync, Reference }

/// <summary>How to start a relay for one run. <see cref="RouterShards"/> null: the relay's default (one per CPU).</summary>
public sealed record ServerSpec(ServerKind Kind, int? RouterShards = null)
{
    /// <summary>Extra environment for the relay (experiments such as DOTNET_GCgen0size); not part of the label.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Another relay speaking the JSON protocol (experiments): its command line; it must print the same listening line.</summary>
    public string? Command { get; init; }

    /// <summary>WebDevSync with its own TLS (a throw-away certificate; ALPN offers HTTP/1.1 and HTTP/2 on the one port).</summary>
    public bool Tls { get; init; }

    /// <summary><c>webdevsync</c> is the relay as configured by default; a set shard count is named: <c>webdevsync/1 shard</c>.</summary>
    public string Label => Command is not null ? "custom" : Kind == ServerKind.Reference ? "reference"
        : RouterShards is { } n ? $"webdevsync/{n} shard{(n == 1 ? "" : "s")}" : Tls ? "webdevsync/tls" : "webdevsync";
}

/// <summary>
/// A relay started for one run on ephemeral ports: WebDevSync's Release build (limits raised so the
/// load is not throttled) or the Node reference. Ready once it printed its listening line(s).
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string? _scratch;

    private ServerProcess(Process process, Uri http, Uri? grpc, X509Certificate2? certificate, string? scratch)
    {
        _process = process;
        HttpBase = http;
        GrpcBase = grpc;
        Certificate = certificate;
        _scratch = scratch;
    }

    public int Pid => _process.Id;
    public Uri HttpBase { get; }
    public Uri? GrpcBase { get; }
    public Uri WebSocketUrl => new($"{(HttpBase.Scheme == "https" ? "wss" : "ws")}://{HttpBase.Authority}/web-dev-sync/ws");

    /// <summary>With TLS: the relay's certificate, which the bench's clients pin.</summary>
    public X509Certificate2? Certificate { get; }

    public static async Task<ServerProcess> StartAsync(ServerSpec spec, string root)
    {
        string? scratch = null;
        (string CertPath, string KeyPath, X509Certificate2 Certificate)? tls = null;
        if (spec.Tls && spec.Kind == ServerKind.WebDevSync && spec.Command is null)
        {
            scratch = Path.Combine(Path.GetTempPath(), $"wds-bench-tls-{Guid.NewGuid():N}");
            tls = await SelfSignedCertificate.MakeAsync(scratch);
        }
        var start = spec.Command is { } command
            ? new ProcessStartInfo("/bin/sh", ["-c", "exec " + command])
            : spec.Kind == ServerKind.Reference
            ? new ProcessStartInfo("node", [Path.Combine(root, "tests/bench/reference/server.mjs"), "--port", "0"])
            : new ProcessStartInfo("dotnet", [Path.Combine(root, "transport/WebDevSync.Server/bin/Release/net10.0/WebDevSync.Server.dll"),
                "--port", "0", "--grpc-port", "0",
                "--message-rate-limit", "1000000", "--message-burst", "1000000",
                "--max-connections-per-address", "100000", "--outbound-queue-limit", "100000",
                .. spec.RouterShards is { } shards ? ["--router-shards", shards.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
                .. tls is { } t ? ["--tls-certificate", t.CertPath, "--tls-key", t.KeyPath] : Array.Empty<string>()]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = root;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in spec.Environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + spec.Label);
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"[{spec.Label}] {line}"); };
        process.BeginErrorReadLine();
        Uri? http = null, grpc = null;
        var expectGrpc = spec.Kind == ServerKind.WebDevSync && spec.Command is null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (http is null || (expectGrpc && grpc is null))
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"{spec.Label} exited before it was ready (exit {WaitExit(process)})");
            if (ListeningLine().Match(line) is { Success: true } m) http = new Uri(m.Groups[1].Value);
            else if (GrpcLine().Match(line) is { Success: true } g) grpc = new Uri(g.Groups[1].Value);
        }
        _ = DrainAsync(process.StandardOutput);
        return new ServerProcess(process, http, grpc, tls?.Certificate, scratch);
    }

    private static string WaitExit(Process p) => p.WaitForExit(2000) ? p.ExitCode.ToString() : "still running";

    private static async Task DrainAsync(StreamReader output)
    {
        try { while (await output.ReadLineAsync() is not null) { } } catch (Exception e) when (e is IOException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Certificate?.Dispose();
        if (_scratch is not null) Directory.Delete(_scratch, recursive: true);
    }

    [GeneratedRegex(@"listening on (https?://127\.0\.0\.1:\d+)/web-dev-sync/")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"gRPC \(h2c\) listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex GrpcLine();
}

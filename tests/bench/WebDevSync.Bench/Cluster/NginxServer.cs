using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using WebDevSync.TestKit.Processes;

namespace WebDevSync.Bench.Cluster;

/// <summary>
/// Debian's nginx with deploy/nginx/web-dev-sync.conf, as tests/packaging/nginx.test.mjs runs it: a
/// scratch prefix, only the lines marked "test:" rewritten (listen, certificate, upstream servers), and a
/// self-signed certificate for 127.0.0.1 that the bench's clients trust by its hash.
/// </summary>
public static partial class NginxServer
{
    public static async Task<(ChildProcess Process, Uri WebSocketUrl, X509Certificate2 Certificate)> StartAsync(string root, string dir, IReadOnlyList<int> upstreamPorts)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is missing: apt-get install nginx (scripts/bench does this)");
        var cert = Path.Combine(dir, "server.crt");
        var key = Path.Combine(dir, "server.key");
        var make = new System.Diagnostics.ProcessStartInfo("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var openssl = System.Diagnostics.Process.Start(make)!)
        {
            var said = await openssl.StandardError.ReadToEndAsync();
            await openssl.WaitForExitAsync();
            if (openssl.ExitCode != 0) throw new InvalidOperationException("openssl could not make the certificate: " + said);
        }
        var port = FreePort.Pick();
        var conf = Render(File.ReadAllText(Path.Combine(root, "deploy/nginx/web-dev-sync.conf")), port, cert, key, upstreamPorts);
        Directory.CreateDirectory(Path.Combine(dir, "temp"));
        File.WriteAllText(Path.Combine(dir, "web-dev-sync.conf"), conf);
        string Temp(string name) => $"{name}_temp_path {Path.Combine(dir, "temp", name)};";
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), string.Join('\n',
            Environment.UserName == "root" ? "user root;" : "",
            "worker_processes 1;",
            "events { worker_connections 4096; }",
            "http {",
            "  access_log off;",
            $"  {Temp("client_body")} {Temp("proxy")} {Temp("fastcgi")} {Temp("uwsgi")} {Temp("scgi")}",
            $"  include {Path.Combine(dir, "web-dev-sync.conf")};",
            "}"));
        // SIGTERM at the end, so nginx's master reaps its workers (SIGKILL after 5 s).
        var process = new ChildProcess(ChildProcess.StartInfo(nginx, ["-e", "stderr", "-p", dir, "-c", Path.Combine(dir, "nginx.conf"),
            "-g", $"daemon off; pid {Path.Combine(dir, "nginx.pid")}; error_log stderr;"], dir), errorLabel: "nginx", termGrace: TimeSpan.FromSeconds(5));
        await FreePort.WaitAcceptingAsync(port, process, "nginx");
        return (process, new Uri($"wss://127.0.0.1:{port}/web-dev-sync/ws"), X509CertificateLoader.LoadCertificateFromFile(cert));
    }

    /// <summary>Each marker and how often the file holds it (one upstream for every request, gRPC-Web too), as in the nginx test.</summary>
    private static readonly (string What, int Count)[] Markers = [("upstream servers", 1), ("listen", 1), ("certificate", 1), ("key", 1)];

    /// <summary>The deploy configuration with its "test:" lines rewritten; each marker must appear as often as <see cref="Markers"/> says.</summary>
    public static string Render(string conf, int port, string cert, string key, IReadOnlyList<int> upstreamPorts)
    {
        var seen = new Dictionary<string, int>();
        var lines = conf.Split('\n').Select(line =>
        {
            if (Marker().Match(line) is not { Success: true } m) return line;
            var what = m.Groups[1].Value.Trim();
            seen[what] = seen.GetValueOrDefault(what) + 1;
            return what switch
            {
                "upstream servers" => string.Join('\n', upstreamPorts.Select(p => Server().Replace(line, $"server 127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))),
                "listen" => Listen().Replace(line, $"listen 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"),
                "certificate" => Certificate().Replace(line, $"ssl_certificate {cert};"),
                "key" => Key().Replace(line, $"ssl_certificate_key {key};"),
                _ => throw new InvalidOperationException($"unknown test marker \"{what}\" in deploy/nginx/web-dev-sync.conf"),
            };
        }).ToList();
        foreach (var (what, count) in Markers)
            if (seen.GetValueOrDefault(what) != count) throw new InvalidOperationException($"deploy/nginx/web-dev-sync.conf: marker \"test: {what}\" found {seen.GetValueOrDefault(what)} times, expected {count}");
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"#\s*test:\s*(.+?)\s*$")] private static partial Regex Marker();
    [GeneratedRegex(@"server \S+")] private static partial Regex Server();
    [GeneratedRegex(@"listen \S+")] private static partial Regex Listen();
    [GeneratedRegex(@"ssl_certificate\s+\S+;")] private static partial Regex Certificate();
    [GeneratedRegex(@"ssl_certificate_key\s+\S+;")] private static partial Regex Key();
}

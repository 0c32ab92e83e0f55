using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebDevSync.Agent.Tests.Integration;

/// <summary>
/// The agent on <c>grpcs://</c>: a relay serving TLS on its one port (a certificate from a private CA), the
/// agent trusting that CA through <c>SSL_CERT_FILE</c> as agent-tui/README.md says, the tab on <c>wss://</c>.
/// </summary>
public sealed class GrpcsTransportTests
{
    [Fact]
    public async Task The_agent_over_grpcs_trusting_a_private_CA_opens_the_edit_and_its_save_reaches_the_tab()
    {
        using var dir = new TempDirectory();
        var (caFile, certFile, keyFile) = PrivateCa.Write(dir.Sub("tls"));
        await using var relay = await RelayProcess.StartAsync(["--tls-certificate", certFile, "--tls-key", keyFile]);
        var user = $"u{Guid.NewGuid():N}";
        await using var browser = new BrowserClient(user) { Configure = o => o.RemoteCertificateValidationCallback = (_, _, _, _) => true };
        await browser.ConnectAsync($"wss://localhost:{relay.Port}/web-dev-sync/ws");
        await using var agent = AgentProcess.Start(dir.Path,
            ["--headless", "--url", $"grpcs://localhost:{relay.Port}", "--user", user, "--editor", Scenario.ScriptedEditor("inplace"), "--temp-dir", dir.Sub("tmp")],
            new Dictionary<string, string> { ["WDS_EDITOR_CONTROL"] = dir.Sub("ctl"), ["SSL_CERT_FILE"] = caFile });
        await browser.WaitForDesktopAsync();

        var sid = $"s-{Guid.NewGuid()}";
        await browser.EditAsync(sid, "code-1", "let a = 0;", "js");
        var editor = new EditorControl(dir.Sub("ctl"));
        Assert.Equal("let a = 0;", File.ReadAllText(await editor.FileAsync()));
        await editor.SaveAsync("let a = 1;\n");
        await browser.WaitForUpdateAsync(sid, "let a = 1;\n");
    }

    /// <summary>A CA and a certificate for localhost and 127.0.0.1 signed by it, as PEM files (what nginx.test.mjs makes with openssl).</summary>
    private static class PrivateCa
    {
        public static (string Ca, string Cert, string Key) Write(string dir)
        {
            Directory.CreateDirectory(dir);
            var now = DateTimeOffset.UtcNow;
            using var caKey = RSA.Create(2048);
            var caRequest = new CertificateRequest("CN=WebDevSync test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));

            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var cert = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4, 5, 6, 7, 8]);

            var files = (Path.Combine(dir, "ca.pem"), Path.Combine(dir, "server.pem"), Path.Combine(dir, "server.key"));
            File.WriteAllText(files.Item1, ca.ExportCertificatePem());
            File.WriteAllText(files.Item2, cert.ExportCertificatePem());
            File.WriteAllText(files.Item3, key.ExportPkcs8PrivateKeyPem());
            return files;
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;

namespace WebDevSync.Bench.Servers;

/// <summary>A throw-away certificate for 127.0.0.1 made with openssl, for a relay the bench starts with TLS; clients pin it by hash.</summary>
public static class SelfSignedCertificate
{
    public static async Task<(string CertPath, string KeyPath, X509Certificate2 Certificate)> MakeAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        var (cert, key) = (Path.Combine(dir, "relay.crt"), Path.Combine(dir, "relay.key"));
        var make = new ProcessStartInfo("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var openssl = Process.Start(make) ?? throw new InvalidOperationException("could not start openssl");
        var said = await openssl.StandardError.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        if (openssl.ExitCode != 0) throw new InvalidOperationException("openssl could not make the certificate: " + said);
        return (cert, key, X509CertificateLoader.LoadCertificateFromFile(cert));
    }

    /// <summary>Accepts exactly <paramref name="trusted"/>.</summary>
    public static bool Pinned(X509Certificate2 trusted, X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString() == trusted.GetCertHashString();
}

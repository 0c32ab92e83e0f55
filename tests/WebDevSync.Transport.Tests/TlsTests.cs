using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Hosting;

namespace WebDevSync.Transport.Tests;

/// <summary>With a certificate configured, one port speaks TLS and ALPN picks HTTP/1.1 or HTTP/2.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task TlsPort_ServesHttp2AndHttp11AndWebSockets_OnOnePort()
    {
        var dir = Directory.CreateTempSubdirectory("wds-tls-").FullName;
        var (cert, key) = WriteSelfSigned(dir);
        await using var app = ServerApp.Build(new ServerOptions { Port = 0, TlsCertificate = cert, TlsKey = key }, l => l.ClearProviders());
        await app.StartAsync();
        var url = ServerApp.BaseUrl(app);
        Assert.StartsWith("https://", url);
        Assert.Null(ServerApp.GrpcUrl(app));

        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
        {
            using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{url}/web-dev-sync/healthz")
                { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(version, response.Version);
        }

        using var ws = new ClientWebSocket();
        ws.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        await ws.ConnectAsync(new Uri($"{url.Replace("https", "wss")}/web-dev-sync/ws"), Timeouts.Token());
        await ws.SendAsync("""{"type":"ping"}"""u8.ToArray(), WebSocketMessageType.Text, true, Timeouts.Token());
        var buffer = new byte[256];
        var r = await ws.ReceiveAsync(buffer, Timeouts.Token());
        Assert.Equal("""{"type":"pong"}""", System.Text.Encoding.UTF8.GetString(buffer, 0, r.Count));
        await app.StopAsync();
    }

    private static (string Cert, string Key) WriteSelfSigned(string dir)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(dir, "cert.pem");
        var keyPath = Path.Combine(dir, "key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}

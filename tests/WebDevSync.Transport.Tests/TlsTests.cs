using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Hosting;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Transport.Tests;

/// <summary>With a certificate configured, one port speaks TLS and ALPN picks HTTP/1.1 (WebSocket, gRPC-Web) or HTTP/2 (native gRPC).</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempDirectory _temp = new("wds-tls-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TlsPort_ServesHttp2AndHttp11AndWebSockets_OnOnePort()
    {
        await using var app = await StartWithSelfSignedAsync();
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

    [Fact]
    public async Task TlsPort_ServesNativeGrpcAndGrpcWeb_OnTheSamePort()
    {
        await using var app = await StartWithSelfSignedAsync();
        var url = ServerApp.BaseUrl(app);
        var trusting = () => new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };

        using var native = Grpc.Net.Client.GrpcChannel.ForAddress(url, new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = trusting() });
        using var call = new V1.WebDevSync.WebDevSyncClient(native).Connect(cancellationToken: Timeouts.Token());
        await call.RequestStream.WriteAsync(new V1.ClientMessage { ConnectionId = "tls-agent", UserId = "tls", DesktopConnect = new() });
        Assert.True(await call.ResponseStream.MoveNext(Timeouts.Token()));
        Assert.Equal(V1.ServerMessage.BodyOneofCase.ConnectionAck, call.ResponseStream.Current.BodyCase);

        using var web = Grpc.Net.Client.GrpcChannel.ForAddress(url, new Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = new Grpc.Net.Client.Web.GrpcWebHandler(Grpc.Net.Client.Web.GrpcWebMode.GrpcWeb, trusting()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var missing = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new V1.WebDevSync.WebDevSyncClient(web).SendAsync(new V1.ClientMessage { ConnectionId = "nobody", Ping = new() }, cancellationToken: Timeouts.Token()));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, missing.StatusCode);
        await app.StopAsync();
    }

    /// <summary>The relay on an ephemeral TLS port with a fresh self-signed certificate for 127.0.0.1.</summary>
    private async Task<WebApplication> StartWithSelfSignedAsync()
    {
        var (cert, key) = WriteSelfSigned();
        var app = ServerApp.Build(new ServerOptions { Port = 0, TlsCertificate = cert, TlsKey = key }, l => l.ClearProviders());
        await app.StartAsync();
        return app;
    }

    private (string Cert, string Key) WriteSelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = _temp.File("cert.pem");
        var keyPath = _temp.File("key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }
}

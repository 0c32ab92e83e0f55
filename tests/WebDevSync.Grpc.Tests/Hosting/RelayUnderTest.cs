using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebDevSync.Server.Auth;
using WebDevSync.Server.Hosting;

namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>
/// The real relay (ServerApp) on 127.0.0.1 with ephemeral ports: HTTP/1.1 for gRPC-Web, h2c for native
/// gRPC. One per test class (IClassFixture), so classes run in parallel.
/// </summary>
public class RelayUnderTest : IAsyncLifetime
{
    /// <summary>Small enough for quick oversize tests, big enough for the 1 MiB large-message cases (2 MiB of UTF-8).</summary>
    public const int MaxMessageBytes = 3 * 1024 * 1024;

    private WebApplication? _app;

    /// <summary>The relay's settings; subclasses change them (ports stay ephemeral).</summary>
    protected virtual ServerOptions Options => new() { Port = 0, GrpcPort = 0, MaxMessageBytes = MaxMessageBytes };

    protected virtual void Logging(ILoggingBuilder logging) => logging.ClearProviders();

    /// <summary>gRPC-Web's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string WebBase => ServerApp.BaseUrl(_app!);

    /// <summary>Native gRPC's address as grpc-js and grpcio take it: <c>127.0.0.1:41235</c>.</summary>
    public string GrpcAddress => ServerApp.GrpcUrl(_app!)!.Replace("http://", "");

    public Uri GrpcBase => new(ServerApp.GrpcUrl(_app!)!);

    public async Task InitializeAsync()
    {
        _app = ServerApp.Build(Options, Logging);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The relay with authentication on; <see cref="Token"/> mints what its token command would.</summary>
public sealed class SecuredRelayUnderTest : RelayUnderTest
{
    private const string TestSecret = "grpc-interop-secret-0123456789-abcdefghijklmn";

    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, MaxMessageBytes = MaxMessageBytes, SessionSecret = TestSecret };

    public static string Token(string user) => new TokenService(TestSecret).Mint(user, TimeSpan.FromHours(1), false, DateTimeOffset.UtcNow);
}

using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using WebDevSync.Grpc.Tests.Interop;
using Xunit;

namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>
/// Real Kestrel on 127.0.0.1 with two ephemeral ports, the way the relay runs: one Http2-only (h2c) for
/// native gRPC, one HTTP/1.1 for gRPC-Web. One per test class (IClassFixture), so classes run in parallel.
/// </summary>
public sealed class InteropServer : IAsyncLifetime
{
    /// <summary>Small enough that the size tests stay fast, big enough for large_unary (314159 bytes).</summary>
    public const int MaxMessageSize = 1024 * 1024;

    private WebApplication? _app;
    private ListenOptions? _h2c;
    private ListenOptions? _http1;

    public ConcurrentQueue<GrpcCallInfo> CompletedCalls { get; } = new();

    public int H2cPort => GrpcKestrel.BoundPort(_h2c!);
    public int Http1Port => GrpcKestrel.BoundPort(_http1!);
    public Uri H2cBase => new($"http://127.0.0.1:{H2cPort}");
    public Uri Http1Base => new($"http://127.0.0.1:{Http1Port}");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            _h2c = GrpcKestrel.ListenH2c(kestrel, IPAddress.Loopback, 0);
            _http1 = GrpcKestrel.ListenHttp1(kestrel, IPAddress.Loopback, 0);
        });
        _app = builder.Build();
        var options = new GrpcServerOptions
        {
            MaxReceiveMessageSize = MaxMessageSize,
            MaxSendMessageSize = MaxMessageSize,
            ExposedHeaders = [InteropTestService.EchoInitialKey],
            OnCallCompleted = CompletedCalls.Enqueue,
        };
        _app.MapGrpcService(InteropTestService.Build(), options);
        _app.MapGrpcService(ProbeService.Build(), options);
        await _app.StartAsync();
    }

    /// <summary>Waits (generously, only to avoid hangs) until a call matching <paramref name="match"/> has finished.</summary>
    public async Task<GrpcCallInfo> WaitForCallAsync(Func<GrpcCallInfo, bool> match)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < giveUp)
        {
            var found = CompletedCalls.FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException("No matching call finished on the server.");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebDevSync.Grpc.Tests.Hosting;
using WebDevSync.Server.Configuration;
using WebDevSync.Server.Hosting;
using Xunit;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Grpc.Tests.Malformed;

/// <summary>What a peer can send wrong is answered with a status and never logged as an error: a peer cannot flood the log.</summary>
public sealed class QuietLogTests : IAsyncLifetime
{
    private readonly Recorder _log = new();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        _app = ServerApp.Build(new ServerOptions { Port = 0, GrpcPort = 0, MaxMessageBytes = 64 * 1024 }, l => l.AddProvider(_log));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task MalformedAndRefusedCalls_LogNothingAtErrorLevel()
    {
        using var h2c = RawGrpc.H2c();
        var grpc = new Uri(ServerApp.GrpcUrl(_app!)!);
        var ping = RawGrpc.Frame(new V1.ClientMessage { Ping = new V1.Ping() });
        byte[][] bodies =
        [
            RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF]),
            RawGrpc.Frame(new byte[10], declaredLength: 100),
            RawGrpc.Frame(new byte[16], declaredLength: uint.MaxValue),
            RawGrpc.Frame(new V1.ClientMessage { Ping = new V1.Ping() }, flags: 1),
            RawGrpc.Frame(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = new string('x', 128 * 1024) } }),
            [.. ping, .. RawGrpc.Frame([0xFF, 0xFF, 0xFF, 0xFF])],
        ];
        foreach (var method in new[] { "Send", "Connect", "Subscribe", "NoSuchMethod" })
            for (var i = 0; i < bodies.Length; i++)
            {
                var response = await RawGrpc.PostAsync(h2c, grpc, $"/webdevsync.v1.WebDevSync/{method}", bodies[i]);
                Assert.True(response.GrpcStatus is { } status && status != "0", $"{method} with body #{i}: grpc-status {response.GrpcStatus}");
            }
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error);
    }

    private sealed class Recorder : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Text)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}

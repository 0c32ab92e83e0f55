using Microsoft.Extensions.Logging;
using WebDevSync.TestKit.Raw;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Grpc.Tests.Malformed;

/// <summary>A relay whose log is recorded, with a small message limit.</summary>
public sealed class RecordedRelay : RelayUnderTest
{
    public LogRecorder Log { get; } = new();

    protected override ServerOptions Options => new() { Port = 0, GrpcPort = 0, MaxMessageBytes = 64 * 1024 };

    protected override void Logging(ILoggingBuilder logging) => logging.AddProvider(Log);
}

/// <summary>What a peer can send wrong is answered with a status and never logged as an error: a peer cannot flood the log.</summary>
public sealed class QuietLogTests(RecordedRelay relay) : IClassFixture<RecordedRelay>
{
    [Fact]
    public async Task MalformedAndRefusedCalls_LogNothingAtErrorLevel()
    {
        using var h2c = RawGrpc.H2c();
        var grpc = relay.GrpcBase;
        var ping = RawGrpc.Frame(new V1.ClientMessage { Ping = new V1.Ping() });
        byte[][] bodies =
        [
            GrpcFrames.Frame([0xFF, 0xFF, 0xFF, 0xFF]),
            GrpcFrames.Frame(new byte[10], declaredLength: 100),
            GrpcFrames.Frame(new byte[16], declaredLength: uint.MaxValue),
            RawGrpc.Frame(new V1.ClientMessage { Ping = new V1.Ping() }, flags: 1),
            RawGrpc.Frame(new V1.ClientMessage { CodeUpdate = new V1.CodeUpdate { SessionId = "s", Code = new string('x', 128 * 1024) } }),
            [.. ping, .. GrpcFrames.Frame([0xFF, 0xFF, 0xFF, 0xFF])],
        ];
        foreach (var method in new[] { "Send", "Connect", "Subscribe", "NoSuchMethod" })
            for (var i = 0; i < bodies.Length; i++)
            {
                var response = await RawGrpc.PostAsync(h2c, grpc, $"/webdevsync.v1.WebDevSync/{method}", bodies[i]);
                Assert.True(response.GrpcStatus is { } status && status != "0", $"{method} with body #{i}: grpc-status {response.GrpcStatus}");
            }
        Assert.DoesNotContain(relay.Log.Entries, e => e.Level >= LogLevel.Error);
    }
}

using Grpc.Testing;
using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Layer;

/// <summary>
/// Kestrel's MinRequestBodyDataRate (240 B/s after a 5 s grace) resets a request body that idles; the
/// layer switches it off per call, so a duplex stream may stay quiet and then carry on.
/// </summary>
public sealed class IdleStreamTests(InteropServer server) : IClassFixture<InteropServer>
{
    [Fact]
    public async Task DuplexStream_IdleLongerThanKestrelsDataRateGrace_StaysOpen()
    {
        using var client = RawGrpc.H2c();
        var content = new StreamingContent();
        using var request = RawGrpc.Request(server.H2cBase, "/" + ProbeService.Name + "/Echo", content);
        request.Version = client.DefaultRequestVersion;
        request.VersionPolicy = client.DefaultVersionPolicy;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        content.Send(Ask(3));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        var body = await response.Content.ReadAsStreamAsync(guard.Token);
        await ReadFrameAsync(body, guard.Token);

        await Task.Delay(TimeSpan.FromSeconds(7), guard.Token); // beyond the 5 s grace period, sending nothing

        content.Send(Ask(4));
        var second = await ReadFrameAsync(body, guard.Token);
        Assert.Equal(4, StreamingOutputCallResponse.Parser.ParseFrom(second).Payload.Body.Length);
        content.End();
    }

    private static byte[] Ask(int size) =>
        RawGrpc.Frame(new StreamingOutputCallRequest { ResponseParameters = { new ResponseParameters { Size = size } } });

    private static async Task<byte[]> ReadFrameAsync(Stream body, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        await body.ReadExactlyAsync(header, cancellationToken);
        var payload = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await body.ReadExactlyAsync(payload, cancellationToken);
        return payload;
    }
}

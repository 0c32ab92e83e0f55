using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>Each interop case run by @grpc/grpc-js (tests/interop/grpc-js-client.mjs) over h2c.</summary>
public sealed class GrpcJsInteropTests(InteropServer server) : IClassFixture<InteropServer>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task GrpcJsClient_PassesInteropCase(string interopCase)
    {
        var result = await ChildProcess.RunAsync("node",
            [Path.Combine(RepoPaths.InteropScripts, "grpc-js-client.mjs"), "--port", server.H2cPort.ToString(), "--case", interopCase],
            RepoPaths.Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"PASS {interopCase}", result.Output);
    }
}

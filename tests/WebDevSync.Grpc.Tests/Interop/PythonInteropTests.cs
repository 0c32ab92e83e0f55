using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>Each interop case run by Debian's python3-grpcio (tests/interop/python_interop_client.py) over h2c.</summary>
public sealed class PythonInteropTests(InteropServer server) : IClassFixture<InteropServer>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task PythonGrpcioClient_PassesInteropCase(string interopCase)
    {
        var result = await ChildProcess.RunAsync(InteropTools.Python,
            [Path.Combine(RepoPaths.InteropScripts, "python_interop_client.py"), "--port", server.H2cPort.ToString(),
             "--case", interopCase, "--stubs", await InteropTools.PythonStubsAsync()],
            RepoPaths.Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"PASS {interopCase}", result.Output);
    }
}

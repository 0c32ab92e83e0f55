namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>Debian's python3-grpcio as both ends of a pair over h2c (tests/interop/python_interop_client.py).</summary>
public sealed class PythonInteropTests(RelayUnderTest relay, SecuredRelayUnderTest secured) : IClassFixture<RelayUnderTest>, IClassFixture<SecuredRelayUnderTest>
{
    [Theory]
    [MemberData(nameof(InteropCases.Native), MemberType = typeof(InteropCases))]
    public async Task PythonGrpcioClient_PassesCase(string interopCase)
    {
        InteropTools.EnsurePresent();
        var result = await ProcessResult.RunAsync(InteropTools.Python,
            [Path.Combine(RepoPaths.InteropScripts, "python_interop_client.py"), "--server", relay.GrpcAddress, "--case", interopCase,
             "--max-bytes", RelayUnderTest.MaxMessageBytes.ToString()],
            RepoPaths.Root);
        InteropCases.AssertPassed(interopCase, result);
    }

    [Fact]
    public async Task PythonGrpcioClient_SendsItsTokenAsMetadata_AndIsRefusedWithoutOne()
    {
        InteropTools.EnsurePresent();
        var result = await ProcessResult.RunAsync(InteropTools.Python,
            [Path.Combine(RepoPaths.InteropScripts, "python_interop_client.py"), "--server", secured.GrpcAddress, "--case", "metadata",
             "--token", SecuredRelayUnderTest.Token("py-md"), "--user", "py-md"],
            RepoPaths.Root);
        InteropCases.AssertPassed("metadata", result);
    }
}

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>@grpc/grpc-js as both ends of a pair over h2c (tests/interop/grpc-js-client.mjs), one case per process.</summary>
public sealed class GrpcJsInteropTests(RelayUnderTest relay, SecuredRelayUnderTest secured) : IClassFixture<RelayUnderTest>, IClassFixture<SecuredRelayUnderTest>
{
    [Theory]
    [MemberData(nameof(InteropCases.Native), MemberType = typeof(InteropCases))]
    public async Task GrpcJsClient_PassesCase(string interopCase)
    {
        var result = await ProcessResult.RunAsync("node",
            [Path.Combine(RepoPaths.InteropScripts, "grpc-js-client.mjs"), "--server", relay.GrpcAddress, "--case", interopCase,
             "--max-bytes", RelayUnderTest.MaxMessageBytes.ToString()],
            RepoPaths.Root);
        InteropCases.AssertPassed(interopCase, result);
    }

    [Fact]
    public async Task GrpcJsClient_SendsItsTokenAsMetadata_AndIsRefusedWithoutOne()
    {
        var result = await ProcessResult.RunAsync("node",
            [Path.Combine(RepoPaths.InteropScripts, "grpc-js-client.mjs"), "--server", secured.GrpcAddress, "--case", "metadata",
             "--token", SecuredRelayUnderTest.Token("js-md"), "--user", "js-md"],
            RepoPaths.Root);
        InteropCases.AssertPassed("metadata", result);
    }
}

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>
/// A tab on @connectrpc/connect-node's gRPC-Web transport (binary, HTTP/1.1) with an agent on grpc-js
/// over h2c: the mixed pair a browser and a native agent make (tests/interop/grpc-web-client.mjs).
/// </summary>
public sealed class ConnectGrpcWebInteropTests(RelayUnderTest relay, SecuredRelayUnderTest secured) : IClassFixture<RelayUnderTest>, IClassFixture<SecuredRelayUnderTest>
{
    [Theory]
    [MemberData(nameof(InteropCases.Web), MemberType = typeof(InteropCases))]
    public async Task ConnectGrpcWebTab_PassesCase(string webCase)
    {
        var result = await ProcessResult.RunAsync("node",
            [Path.Combine(RepoPaths.InteropScripts, "grpc-web-client.mjs"), "--web", relay.WebBase, "--server", relay.GrpcAddress,
             "--case", webCase, "--max-bytes", RelayUnderTest.MaxMessageBytes.ToString()],
            RepoPaths.Root);
        InteropCases.AssertPassed(webCase, result);
    }

    [Fact]
    public async Task ConnectGrpcWebTab_SendsItsTokenAsMetadata_AndIsRefusedWithoutOne()
    {
        var result = await ProcessResult.RunAsync("node",
            [Path.Combine(RepoPaths.InteropScripts, "grpc-web-client.mjs"), "--web", secured.WebBase, "--server", secured.GrpcAddress,
             "--case", "web_metadata", "--token", SecuredRelayUnderTest.Token("web-md"), "--user", "web-md"],
            RepoPaths.Root);
        InteropCases.AssertPassed("web_metadata", result);
    }
}

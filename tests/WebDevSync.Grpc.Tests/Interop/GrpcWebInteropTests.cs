using WebDevSync.Grpc.Tests.Hosting;
using Xunit;

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>gRPC-Web cases run by @connectrpc/connect-node (tests/interop/grpc-web-client.mjs) over HTTP/1.1.</summary>
public sealed class GrpcWebInteropTests(InteropServer server) : IClassFixture<InteropServer>
{
    public static TheoryData<string> Cases() => new()
    {
        "web_empty_unary", "web_large_unary", "web_server_streaming", "web_status_code_and_message",
        "web_special_status_message", "web_server_streaming_error_after_messages", "web_deadline_exceeded",
        "web_custom_metadata", "web_unimplemented_method", "web_unimplemented_service",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ConnectGrpcWebClient_PassesCase(string webCase)
    {
        var result = await ChildProcess.RunAsync("node",
            [Path.Combine(RepoPaths.InteropScripts, "grpc-web-client.mjs"), "--port", server.Http1Port.ToString(),
             "--case", webCase, "--descriptors", await InteropTools.DescriptorSetAsync()],
            RepoPaths.Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"PASS {webCase}", result.Output);
    }
}

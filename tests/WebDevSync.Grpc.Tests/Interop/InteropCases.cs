using Xunit;

namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>The interop cases of grpc/grpc doc/interop-test-descriptions.md that issue 5 requires.</summary>
public static class InteropCases
{
    public static readonly string[] Names =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server",
        "status_code_and_message", "special_status_message", "custom_metadata",
        "unimplemented_method", "unimplemented_service",
    ];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }
}

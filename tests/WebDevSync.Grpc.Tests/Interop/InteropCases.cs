namespace WebDevSync.Grpc.Tests.Interop;

/// <summary>The cases each interop script runs against the relay (the metadata cases need the secured relay).</summary>
public static class InteropCases
{
    public static TheoryData<string> Native() =>
        ["round_trip", "large_message", "oversized_message", "deadline", "cancellation", "unimplemented"];

    public static TheoryData<string> Web() =>
        ["web_round_trip", "web_large_message", "web_oversized_message", "web_deadline", "web_cancellation", "web_error_statuses"];

    public static void AssertPassed(string interopCase, ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"PASS {interopCase}", result.Output);
    }
}

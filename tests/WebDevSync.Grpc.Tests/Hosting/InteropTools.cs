namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>
/// The tools the non-.NET clients need: Debian's python3 with python3-grpcio and python3-protobuf, and
/// protoc (protobuf-compiler), which the Python client runs to generate its message classes.
/// scripts/test installs them.
/// </summary>
public static class InteropTools
{
    public const string Python = "/usr/bin/python3";
    public const string Protoc = "/usr/bin/protoc";
    private const string Missing = "apt-get install -y protobuf-compiler python3-grpcio python3-protobuf";

    public static void EnsurePresent()
    {
        if (!File.Exists(Python) || !File.Exists(Protoc)) throw new InvalidOperationException($"{Python} or {Protoc} is missing: {Missing}");
    }

    /// <summary>Runs protoc with the given arguments.</summary>
    public static Task<ProcessResult> ProtocAsync(IEnumerable<string> arguments, string workingDirectory)
    {
        EnsurePresent();
        return ProcessResult.RunAsync(Protoc, arguments, workingDirectory);
    }
}

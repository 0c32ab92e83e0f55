namespace WebDevSync.Grpc.Tests.Hosting;

/// <summary>
/// Generates, once per test run, what the non-.NET clients need from the interop protos: Python stubs
/// and a FileDescriptorSet for the Connect gRPC-Web client. Uses Debian's protoc with
/// grpc_python_plugin (protobuf-compiler, protobuf-compiler-grpc), or `python3 -m grpc_tools.protoc`
/// where grpcio-tools is installed instead. The folder is removed when the test process exits.
/// </summary>
public static class InteropTools
{
    public const string Python = "/usr/bin/python3";
    private const string Protoc = "/usr/bin/protoc";
    private const string PythonPlugin = "/usr/bin/grpc_python_plugin";
    private const string Missing =
        "apt-get install -y protobuf-compiler protobuf-compiler-grpc python3-grpcio python3-protobuf";

    private static readonly Lazy<Task<string>> Generated = new(GenerateAsync);

    public static Task<string> OutputDirectoryAsync() => Generated.Value;

    public static async Task<string> PythonStubsAsync() => Path.Combine(await OutputDirectoryAsync(), "python");

    public static async Task<string> DescriptorSetAsync() => Path.Combine(await OutputDirectoryAsync(), "interop.binpb");

    /// <summary>Runs protoc (whichever is installed) with the given arguments.</summary>
    public static async Task<ProcessResult> ProtocAsync(IEnumerable<string> arguments, string workingDirectory)
    {
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} is missing: {Missing}");
        if (File.Exists(Protoc) && File.Exists(PythonPlugin))
            return await ChildProcess.RunAsync(Protoc, [$"--plugin=protoc-gen-grpc_python={PythonPlugin}", .. arguments], workingDirectory);
        var probe = await ChildProcess.RunAsync(Python, ["-c", "import grpc_tools.protoc"], workingDirectory);
        if (probe.ExitCode != 0) throw new InvalidOperationException($"no protoc with a gRPC Python plugin: {Missing}");
        return await ChildProcess.RunAsync(Python, ["-m", "grpc_tools.protoc", .. arguments], workingDirectory);
    }

    private static async Task<string> GenerateAsync()
    {
        var output = Directory.CreateTempSubdirectory("webdevsync-grpc-interop-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(output);
        var python = Directory.CreateDirectory(Path.Combine(output, "python")).FullName;
        var protos = new[] { "empty.proto", "messages.proto", "test.proto" }.Select(p => "src/proto/grpc/testing/" + p);
        var result = await ProtocAsync(
            [$"--proto_path={RepoPaths.Protos}", $"--python_out={python}", $"--grpc_python_out={python}",
             $"--descriptor_set_out={Path.Combine(output, "interop.binpb")}", "--include_imports", .. protos],
            RepoPaths.Protos);
        if (result.ExitCode != 0) throw new InvalidOperationException("protoc failed: " + result);
        return output;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

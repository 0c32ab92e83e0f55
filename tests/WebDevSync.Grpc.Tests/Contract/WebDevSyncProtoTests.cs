using Google.Protobuf.Reflection;

namespace WebDevSync.Grpc.Tests.Contract;

/// <summary>proto/webdevsync/v1/webdevsync.proto compiles and has the shape its clients rely on (issue 5).</summary>
public sealed class WebDevSyncProtoTests
{
    private static readonly Lazy<Task<FileDescriptorProto>> Contract = new(CompileAsync);

    [Theory]
    [InlineData("Connect", true, true)]
    [InlineData("Subscribe", false, true)]
    [InlineData("Send", false, false)]
    public async Task ServiceMethod_HasTheStreamingShapeOfItsClients(string method, bool clientStreaming, bool serverStreaming)
    {
        var file = await Contract.Value;
        Assert.Equal("webdevsync.v1", file.Package);
        var rpc = Assert.Single(Assert.Single(file.Service).Method, m => m.Name == method);
        Assert.Equal((clientStreaming, serverStreaming), (rpc.ClientStreaming, rpc.ServerStreaming));
    }

    [Fact]
    public async Task ErrorCodeEnum_SpellsTheJsonErrorCodes()
    {
        string[] json = ["INVALID_MESSAGE", "UNKNOWN_TYPE", "NOT_CONNECTED", "NO_DESKTOP", "SESSION_NOT_FOUND", "FORBIDDEN",
            "PAYLOAD_TOO_LARGE", "RATE_LIMITED", "UNAUTHENTICATED", "INTERNAL"];
        var codes = (await Contract.Value).EnumType.Single(e => e.Name == "ErrorCode").Value.Select(v => v.Name).Skip(1);
        Assert.Equal(json, codes);
    }

    [Theory]
    [InlineData("ClientMessage", "browser_connect,desktop_connect,edit_request,code_update,session_closed,ping,browser_leaving,code_refresh")]
    [InlineData("ServerMessage", "connection_ack,desktop_status,edit_request,code_update,session_closed,error,pong,code_ack,code_overtaken,code_merged")]
    public async Task EveryJsonMessageType_IsACaseOfTheMessageOneof(string message, string types)
    {
        var descriptor = (await Contract.Value).MessageType.Single(m => m.Name == message);
        // The first oneof is the real one: protoc puts proto3 `optional`'s synthetic oneofs after it.
        var cases = descriptor.Field.Where(f => f.HasOneofIndex && f.OneofIndex == 0).Select(f => f.Name);
        Assert.Equal(types.Split(','), cases);
    }

    private static async Task<FileDescriptorProto> CompileAsync()
    {
        using var temp = new TempDirectory("webdevsync-grpc-tests-");
        var output = temp.File("webdevsync.binpb");
        var result = await InteropTools.ProtocAsync(
            [$"--proto_path={RepoPaths.ProtoRoot}", $"--descriptor_set_out={output}", "webdevsync/v1/webdevsync.proto"],
            RepoPaths.Root);
        Assert.True(result.ExitCode == 0, result.ToString());
        return Assert.Single(FileDescriptorSet.Parser.ParseFrom(await File.ReadAllBytesAsync(output)).File);
    }
}

using System.Buffers;
using System.Text;
using WebDevSync.Grpc.Server;
using WebDevSync.Grpc.Wire;
using Xunit;

namespace WebDevSync.Grpc.Tests.Wire;

/// <summary>grpc-timeout, content types, trailers, metadata and status mapping: the small header rules.</summary>
public sealed class HeaderRulesTests
{
    [Theory]
    [InlineData("1H", 3_600_000_000_000L)]
    [InlineData("2M", 120_000_000_000L)]
    [InlineData("3S", 3_000_000_000L)]
    [InlineData("250m", 250_000_000L)]
    [InlineData("7u", 7_000L)]
    [InlineData("900n", 900L)]
    [InlineData("2000000S", 2_000_000_000_000_000L)]
    public void GrpcTimeout_ParsesEveryUnit(string header, long nanoseconds) =>
        Assert.Equal(TimeSpan.FromTicks(nanoseconds / 100), GrpcTimeout.Parse(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("99999999H")]
    [InlineData("99999999S")]
    public void GrpcTimeout_MalformedOrUnschedulable_MeansNoDeadline(string? header) => Assert.Null(GrpcTimeout.Parse(header));

    [Theory]
    [InlineData("application/grpc", GrpcProtocol.Native)]
    [InlineData("application/grpc+proto", GrpcProtocol.Native)]
    [InlineData("Application/GRPC; charset=utf-8", GrpcProtocol.Native)]
    [InlineData("application/grpc-web", GrpcProtocol.Web)]
    [InlineData("application/grpc-web+proto", GrpcProtocol.Web)]
    [InlineData("application/grpc-web-text", GrpcProtocol.WebText)]
    [InlineData("application/grpc-web-text+proto", GrpcProtocol.WebText)]
    [InlineData("text/plain", null)]
    [InlineData("application/grpcx", null)]
    [InlineData(null, null)]
    public void ContentType_IsClassified(string? contentType, GrpcProtocol? expected) =>
        Assert.Equal(expected, GrpcContentType.Classify(contentType));

    [Fact]
    public void WebTrailerFrame_IsFlagged0x80_WithHttp1HeaderLines()
    {
        var output = new ArrayBufferWriter<byte>();
        WebTrailers.WriteFrame(output, GrpcTrailers.For(new GrpcStatus(GrpcStatusCode.NotFound, "no 100%"), [new("X-Custom", "v")]));
        var bytes = output.WrittenSpan.ToArray();
        Assert.Equal(0x80, bytes[0]);
        Assert.Equal("grpc-status: 5\r\ngrpc-message: no 100%25\r\nx-custom: v\r\n", Encoding.ASCII.GetString(bytes[5..]));
    }

    [Fact]
    public void OkStatus_HasNoMessageTrailer() =>
        Assert.Equal([new("grpc-status", "0")], GrpcTrailers.For(GrpcStatus.Ok, []).ToArray());

    [Theory]
    [InlineData("q6ur", new byte[] { 0xab, 0xab, 0xab })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    public void BinaryMetadata_AcceptsPaddedAndUnpadded(string value, byte[] expected) =>
        Assert.Equal(expected, GrpcMetadata.DecodeBinary(value));

    [Fact]
    public void BinaryMetadata_IsEmittedUnpadded_AndBadBase64IsNull()
    {
        Assert.Equal("AQ", GrpcMetadata.EncodeBinary([1]));
        Assert.Null(GrpcMetadata.DecodeBinary("not base64!"));
    }

    [Fact]
    public void HandlerEndings_MapToStatuses()
    {
        var thrown = new GrpcStatus(GrpcStatusCode.NotFound, "x");
        Assert.Equal(thrown, CallStatus.FromException(new GrpcException(thrown), deadlineExpired: true, clientAborted: true));
        Assert.Equal(GrpcStatusCode.DeadlineExceeded, CallStatus.FromException(new OperationCanceledException(), true, false).Code);
        Assert.Equal(GrpcStatusCode.Cancelled, CallStatus.FromException(new IOException(), false, true).Code);
        Assert.Equal(GrpcStatusCode.Unknown, CallStatus.FromException(new InvalidOperationException(), false, false).Code);
    }

    [Theory]
    [InlineData("/pkg.Service/Method", "pkg.Service")]
    [InlineData("/pkg.Service", null)]
    [InlineData("/a/b/c", null)]
    [InlineData("//Method", null)]
    public void ServiceOfPath(string path, string? service) => Assert.Equal(service, UnimplementedResponder.ServiceOf(path));
}

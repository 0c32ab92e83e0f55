using System.Text;
using WebDevSync.Core.Protocol;
using WebDevSync.Server.Cluster;

namespace WebDevSync.Cluster.Tests.Wire;

/// <summary>The frames between nodes come back as they were sent, message JSON and all; bytes no node wrote are no frame.</summary>
public sealed class ClusterFramesTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""{"type":"code_update","sessionId":"s","payload":{"code":"ünïcode ✓"}}""");

    public static TheoryData<string> Kinds => ["forward", "forward-no-user", "invalid", "invalid-no-session", "gone", "deliver", "close"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_frame_decodes_to_what_was_encoded(string kind)
    {
        ClusterFrame frame = kind switch
        {
            "forward" => new ClusterFrame.Forward("node-a-1-x", 42, "alice", Json),
            "forward-no-user" => new ClusterFrame.Forward("node-a-1-x", long.MaxValue, null, Json),
            "invalid" => new ClusterFrame.Invalid("n", 7, ErrorCode.PayloadTooLarge, "too large", "s-1"),
            "invalid-no-session" => new ClusterFrame.Invalid("n", 7, ErrorCode.UnknownType, "what", null),
            "gone" => new ClusterFrame.Gone("n", 9),
            "deliver" => new ClusterFrame.Deliver(3, Json),
            _ => new ClusterFrame.Close(3, 4, "replaced"),
        };
        var decoded = ClusterFrames.Decode(ClusterFrames.Encode(frame));
        Assert.NotNull(decoded);
        Assert.Equal(Describe(frame), Describe(decoded));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'Z', 1, 2 })]
    [InlineData(new byte[] { (byte)'F', 5, (byte)'a' })]
    public void Bytes_no_node_wrote_are_no_frame(byte[] bytes) => Assert.Null(ClusterFrames.Decode(bytes));

    private static string Describe(ClusterFrame f) => f switch
    {
        ClusterFrame.Forward x => $"F {x.Origin} {x.Conn} {x.AuthUser} {Encoding.UTF8.GetString(x.Json.Span)}",
        ClusterFrame.Deliver x => $"D {x.Conn} {Encoding.UTF8.GetString(x.Json.Span)}",
        _ => f.ToString(),
    };
}

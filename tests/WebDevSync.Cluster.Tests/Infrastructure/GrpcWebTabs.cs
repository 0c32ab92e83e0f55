using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using V1 = WebDevSync.Proto.V1;

namespace WebDevSync.Cluster.Tests.Infrastructure;

/// <summary>A gRPC-Web client of one node, as a browser tab on the gRPC-Web transport is (HTTP/1.1, binary), and reading its stream.</summary>
internal static class GrpcWebTabs
{
    public sealed record WebTab(V1.WebDevSync.WebDevSyncClient Client, GrpcChannel Channel) : IDisposable
    {
        public void Dispose() => Channel.Dispose();
    }

    public static WebTab Web(Node node, string? token)
    {
        var channel = GrpcChannel.ForAddress(node.Process.HttpUrl, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionExact,
            Credentials = token is null ? null : ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        return new WebTab(new V1.WebDevSync.WebDevSyncClient(channel), channel);
    }

    public static async Task<V1.ServerMessage> NextAsync(IAsyncStreamReader<V1.ServerMessage> stream)
    {
        Assert.True(await stream.MoveNext(Timeouts.Token()), "the stream ended");
        return stream.Current;
    }

    public static async Task<V1.ServerMessage> NextOfAsync(IAsyncStreamReader<V1.ServerMessage> stream, V1.ServerMessage.BodyOneofCase kind)
    {
        while (true)
            if ((await NextAsync(stream)).BodyCase == kind) return stream.Current;
    }
}

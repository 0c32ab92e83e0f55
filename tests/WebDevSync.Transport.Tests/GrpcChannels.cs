using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using V1 = WebDevSync.Proto.V1;
using WireMode = WebDevSync.Transport.Tests.GrpcWeb.GrpcWebMode;

namespace WebDevSync.Transport.Tests;

/// <summary>Generated clients of the relay on Grpc.Net.Client: native gRPC over h2c, or gRPC-Web over HTTP/1.1.</summary>
internal static class GrpcChannels
{
    public static V1.WebDevSync.WebDevSyncClient Native(string address, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress(address.StartsWith("http", StringComparison.Ordinal) ? address : $"http://{address}");
        return new V1.WebDevSync.WebDevSyncClient(channel);
    }

    public static V1.WebDevSync.WebDevSyncClient Web(string baseUrl, WireMode mode, out GrpcChannel channel)
    {
        var handler = new GrpcWebHandler(mode == WireMode.Text ? GrpcWebMode.GrpcWebText : GrpcWebMode.GrpcWeb, new HttpClientHandler());
        channel = GrpcChannel.ForAddress(baseUrl, new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = System.Net.HttpVersion.Version11,
            HttpVersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionExact,
        });
        return new V1.WebDevSync.WebDevSyncClient(channel);
    }
}

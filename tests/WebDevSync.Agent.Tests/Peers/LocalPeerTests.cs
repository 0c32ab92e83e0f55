using System.Net;
using System.Net.Sockets;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Agent.Peers;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Agent.Tests.Peers;

/// <summary>Who owns the other end of a loopback connection, read from the kernel's tables.</summary>
public sealed class LocalPeerTests
{
    [Property(Cases.Standard)]
    public bool Every_endpoint_reads_back_from_the_kernels_notation(byte[] seed, ushort port, bool v6)
    {
        var bytes = new byte[v6 ? 16 : 4];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = seed.Length == 0 ? (byte)0 : seed[i % seed.Length];
        var endpoint = new IPEndPoint(new IPAddress(bytes), port);
        return endpoint.Equals(ProcNetTcp.Endpoint(ProcNetTcp.Format(endpoint)));
    }

    [Fact]
    public void A_line_as_the_kernel_prints_it_names_both_ends_and_the_owner()
    {
        const string table = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:0FA1 0100007F:C350 01 00000000:00000000 00:00000000 00000000 65534        0 123 1 0 20 4 30 10 -1
               1: garbage
            """;
        var row = Assert.Single(ProcNetTcp.Parse(table));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 4001), row.Local);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 50000), row.Remote);
        Assert.Equal(65534u, row.Uid);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task A_connection_of_this_user_is_recognised_as_its_own(string address)
    {
        var ip = IPAddress.Parse(address);
        using var listener = new TcpListener(ip, 0);
        listener.Start();
        using var client = new TcpClient(ip.AddressFamily);
        await client.ConnectAsync(ip, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptTcpClientAsync();
        var peer = (IPEndPoint)accepted.Client.RemoteEndPoint!;
        var local = (IPEndPoint)accepted.Client.LocalEndPoint!;

        Assert.IsType<PeerOwner.Self>(LocalPeer.Of(peer.Address, peer.Port, local.Address, local.Port));
    }

    [Fact]
    public void A_socket_that_is_not_there_is_not_taken_for_anyone()
    {
        var owner = LocalPeer.Of(IPAddress.Loopback, 1, IPAddress.Loopback, 2);
        Assert.IsType<PeerOwner.Unknown>(owner);
        Assert.False(owner.Allowed);
    }
}

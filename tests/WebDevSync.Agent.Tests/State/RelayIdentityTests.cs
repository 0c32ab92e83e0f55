using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Agent.State;
using WebDevSync.Tests.Properties;

namespace WebDevSync.Agent.Tests.State;

/// <summary>One agent per user and relay: the relay a URL names, not how the URL is spelt.</summary>
public sealed class RelayIdentityTests
{
    [Theory]
    [InlineData("ws://127.0.0.1:8071/web-dev-sync/ws")]
    [InlineData("ws://localhost:8071/web-dev-sync/ws/")]
    [InlineData("WS://LocalHost:8071/web-dev-sync/ws")]
    [InlineData("ws://[::1]:8071/web-dev-sync/ws")]
    [InlineData("ws://127.0.0.2:8071/web-dev-sync/ws?x=1#y")]
    [InlineData(" ws://localhost.:8071/web-dev-sync/ws ")]
    public void Every_spelling_of_the_local_relay_is_the_default_url_and_has_its_key(string url)
    {
        Assert.Equal("ws://localhost:8071/web-dev-sync/ws", RelayIdentity.Of(url));
        Assert.Equal(AgentKey.For("alice", "ws://localhost:8071/web-dev-sync/ws"), AgentKey.For("alice", url));
    }

    [Fact]
    public void A_default_port_is_the_same_as_none_and_other_relays_stay_apart()
    {
        Assert.Equal(RelayIdentity.Of("wss://Relay.Example.com/web-dev-sync/ws"), RelayIdentity.Of("wss://relay.example.com:443/web-dev-sync/ws"));
        Assert.NotEqual(RelayIdentity.Of("ws://localhost:8071/web-dev-sync/ws"), RelayIdentity.Of("ws://localhost:8073/web-dev-sync/ws"));
        Assert.NotEqual(RelayIdentity.Of("ws://localhost:8071/web-dev-sync/ws"), RelayIdentity.Of("wss://localhost:8071/web-dev-sync/ws"));
        Assert.NotEqual(RelayIdentity.Of("ws://localhost:8071/a/ws"), RelayIdentity.Of("ws://localhost:8071/b/ws"));
        Assert.NotEqual(AgentKey.For("alice", "ws://localhost:8071/web-dev-sync/ws"), AgentKey.For("bob", "ws://localhost:8071/web-dev-sync/ws"));
    }

    /// <summary>Spellings of one relay URL: case, loopback names, trailing slash, explicit default port.</summary>
    public static class Spellings
    {
        public static Arbitrary<(string, string)> Pair() =>
            (from host in Gen.Elements("localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]", "relay.example.com", "Relay.Example.COM")
             from scheme in Gen.Elements("ws", "wss", "grpc")
             from port in Gen.Elements("", ":8071", ":80", ":443")
             from slash in Gen.Elements("", "/")
             from upper in Gen.Elements(false, true)
             let url = $"{(upper ? scheme.ToUpperInvariant() : scheme)}://{host}{port}/web-dev-sync/ws{slash}"
             let canonical = $"{scheme}://{host.ToLowerInvariant()}{port}/web-dev-sync/ws"
             select (url, canonical)).ToArbitrary();
    }

    [Property(Cases.Brief, Arbitrary = new[] { typeof(Spellings) })]
    public bool A_url_and_its_plain_spelling_name_one_relay_and_canonical_forms_are_fixed_points((string, string) pair) =>
        RelayIdentity.Same(pair.Item1, pair.Item2) && RelayIdentity.Of(RelayIdentity.Of(pair.Item1)) == RelayIdentity.Of(pair.Item1);
}

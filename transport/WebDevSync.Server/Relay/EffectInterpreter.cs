using WebDevSync.Core.Routing;

namespace WebDevSync.Server.Relay;

/// <summary>Carries out the router's effects on the links, in one switch, on the routing thread.</summary>
internal sealed class EffectInterpreter(LinkRegistry links, RelayStats stats)
{
    public void Interpret(int shard, Effect effect)
    {
        switch (effect)
        {
            case Effect.Send send when links.Find(send.To) is { } reg:
                stats.OnSent(send.Message);
                reg.Link.Deliver(send.Message);
                break;
            case Effect.Close close when links.Find(close.Conn) is { } reg:
                reg.Link.Close(LinkClose.From(close.Reason));
                break;
            case Effect.Accepted accepted when links.Find(accepted.Conn) is { } reg:
                (reg.AcceptedIn, reg.AcceptedAs) = (shard, accepted.UserId);
                break;
            default:
                break; // the connection is already gone: nothing to carry out
        }
    }
}

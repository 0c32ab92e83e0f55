using WebDevSync.Core.Partition;

namespace WebDevSync.Server.Relay;

/// <summary>A link as the hub keeps it: its throttle, and which partition its inputs go to (<see cref="Core.Partition.Placement"/>).</summary>
internal sealed class Registration(IClientLink link, MessageThrottle throttle)
{
    public readonly IClientLink Link = link;
    public readonly MessageThrottle Throttle = throttle;

    /// <summary>Replaced whole (an immutable value) by the reader and by the accepting partition's interpreter.</summary>
    public Placement Placement = Placement.Opened;
}

namespace WebDevSync.Server.Hosting;

/// <summary>
/// Lets socket completions run on the socket engine's threads instead of being queued to the thread
/// pool, and runs half as many of those threads as there are CPUs (at least one). A relayed message then
/// goes from the reading socket through decode, routing and the write to the other socket on one thread,
/// as in the reference's event loop. On the two-core benchmark machine, inline completions took 15-25 %
/// off the relay's CPU per round trip, and one socket thread instead of two another ~15 % at 10 pairs,
/// with a lower tail at 10-500 pairs and the same round trips per second (docs/PERFORMANCE.md, "One
/// thread per message"). Safe because nothing on that path blocks for long: a partition's lock covers a
/// routing step, and writes are asynchronous. Kestrel's own connections still dispatch to its I/O queues.
/// The runtime reads both switches once, when the first socket is made, so this runs first in Main; an
/// operator's own settings of the variables are kept.
/// </summary>
internal static class SocketThreads
{
    private const string Inline = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string Threads = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    public static void Configure() => Configure(Environment.ProcessorCount);

    internal static void Configure(int processors)
    {
        SetUnlessSet(Inline, "1");
        SetUnlessSet(Threads, Math.Max(1, processors / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void SetUnlessSet(string variable, string value)
    {
        if (Environment.GetEnvironmentVariable(variable) is null) Environment.SetEnvironmentVariable(variable, value);
    }
}

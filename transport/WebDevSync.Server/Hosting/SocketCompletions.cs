namespace WebDevSync.Server.Hosting;

/// <summary>
/// Lets socket completions run on the socket engine's threads instead of being queued to the thread
/// pool. A relayed message then goes from the reading socket through decode, routing and the write to
/// the other socket on one thread, as in the reference's event loop: 15-25 % less relay CPU per round
/// trip at 10 pairs on the benchmark machine (docs/PERFORMANCE.md, "Inline socket completions"). Safe
/// here because nothing on that path blocks: routing takes its shard's lock only when it is free and
/// writes are asynchronous. Kestrel's own connections still dispatch to its I/O queues.
/// The runtime reads the switch once, when the first socket is made, so this runs first in Main; an
/// operator's own setting of the variable (say, 0) is kept.
/// </summary>
internal static class SocketCompletions
{
    private const string Switch = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void RunInline()
    {
        if (Environment.GetEnvironmentVariable(Switch) is null) Environment.SetEnvironmentVariable(Switch, "1");
    }
}

namespace WebDevSync.Core.Tests.Scenarios;

/// <summary>
/// The small worlds scenarios draw from. Twelve socket slots: 1-3 first tabs, 4-6 first agents,
/// 7-9 second tabs, 10-12 second agents, of alice, bob, carol in turn. Client ids are per slot,
/// plus two shared ids every user may claim (hijack attempts); session ids are shared by everyone.
/// </summary>
public static class Pools
{
    public static readonly string[] Users = ["alice", "bob", "carol"];

    public static readonly int[] Slots = [.. Enumerable.Range(1, 12)];

    public static readonly string[] SessionIds = ["s1", "s2", "s3"];

    public static readonly string[] Textareas = ["t1", "t2"];

    public static readonly string[] SharedClientIds = ["x-b", "x-d"];

    public static string Owner(int slot) => Users[(slot - 1) % 3];

    public static Role Affinity(int slot) => slot is >= 4 and <= 6 or >= 10 ? Role.Agent : Role.Browser;

    /// <summary>e.g. <c>a-b1</c> (alice's tab on slot 1) or <c>b-d5</c> (bob's agent on slot 5).</summary>
    public static string ClientIdOf(int slot) => $"{Owner(slot)[0]}-{(Affinity(slot) == Role.Browser ? 'b' : 'd')}{slot}";

    public static IEnumerable<int> SlotsOf(string user, Role role) => Slots.Where(s => Owner(s) == user && Affinity(s) == role);

    public static string OtherUser(string user) => Users[(Array.IndexOf(Users, user) + 1) % Users.Length];

    /// <summary>The user a code or textarea id was tagged with (<c>alice:…</c>, <c>alice/…</c>), if any.</summary>
    public static string? TagOf(string? text) =>
        text is null ? null : Users.FirstOrDefault(u => text.StartsWith(u + ":", StringComparison.Ordinal) || text.StartsWith(u + "/", StringComparison.Ordinal));
}

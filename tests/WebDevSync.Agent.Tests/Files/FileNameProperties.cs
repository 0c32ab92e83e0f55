using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.Tests.Model;
using WebDevSync.Core.Protocol;
using WebDevSync.Tests.Properties;
using Xunit;

namespace WebDevSync.Agent.Tests.Files;

/// <summary>No textarea id, session id or file type a peer can send names a path outside the private directory.</summary>
public sealed class FileNameProperties
{
    private const string Dir = "/tmp/webdevsync-1-abcdef12";

    private static readonly string[] Pieces =
    [
        "..", "../", "/", "\\", ".", "~", "\0", "\n", " ", "%2e%2e%2f", "..\\..\\", "/etc/passwd", "C:", "code-1", "js",
        "ü", "✓", "\u202e", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "-", "_", "*", "?", ":",
    ];

    /// <summary>Hostile strings: path fragments and odd characters glued together, plus FsCheck's own strings (null included).</summary>
    internal static readonly Gen<string?> Hostile = Gen.Frequency(
        (3, Gen.ListOf(Gen.Elements(Pieces)).Select(p => (string?)string.Concat(p))),
        (1, ArbMap.Default.GeneratorFor<string?>()));

    /// <summary>The ids a peer names a file by: every string a property takes here is <see cref="Hostile"/>.</summary>
    public static class HostileIds
    {
        public static Arbitrary<string?> Strings() => Hostile.ToArbitrary();

        public static Arbitrary<PeerIds> Ids() => Gen.Zip(Hostile, Gen.Zip(Hostile, Hostile)).Select(x => new PeerIds(x.Item1, x.Item2.Item1, x.Item2.Item2)).ToArbitrary();
    }

    /// <summary>The three ids of one edit_request that end up in a file name.</summary>
    public sealed record PeerIds(string? Textarea, string? Session, string? FileType);

    [Property(Cases.Longest, Arbitrary = new[] { typeof(HostileIds) })]
    public bool No_generated_textarea_id_session_id_or_file_type_escapes_the_private_directory(PeerIds x)
    {
        var name = FileNames.For(x.Textarea, x.Session, x.FileType);
        var full = Path.GetFullPath(Path.Combine(Dir, name));
        return Path.GetDirectoryName(full) == Dir
               && name == Path.GetFileName(name)
               && !name.StartsWith('.')
               && !name.Contains('/') && !name.Contains('\\') && !name.Any(char.IsControl)
               && System.Text.Encoding.UTF8.GetByteCount(name) <= 255
               && name.EndsWith("." + FileNames.Extension(x.FileType), StringComparison.Ordinal);
    }

    [Property(Cases.Brief, Arbitrary = new[] { typeof(HostileIds) })]
    public bool The_extension_is_the_file_type_when_it_is_1_to_16_letters_or_digits_and_txt_otherwise(string? type) =>
        FileNames.Extension(type) == (type is not null && Regex.IsMatch(type, "^[A-Za-z0-9]{1,16}$") ? type : "txt");

    [Property(Cases.Short, Arbitrary = new[] { typeof(HostileIds) })]
    public bool Every_file_the_reducer_writes_is_inside_the_private_directory_and_names_differ(List<PeerIds> requests)
    {
        var t = Fixtures.Run(Fixtures.Connected(), requests.Select((r, i) => (AgentEvent)Fixtures.Receive(
            new ServerMessage.EditRequest($"{r.Session}#{i}", r.Textarea ?? "", "code", r.FileType ?? "", "b", 0), 2_000 + i)).ToArray());
        var writes = t.Effects.OfType<AgentEffect.WriteFile>().ToList();
        return writes.All(w => Path.GetDirectoryName(Path.GetFullPath(w.Path)) == Fixtures.TempDir)
               && writes.Select(w => w.Path).Distinct().Count() == writes.Count;
    }
}

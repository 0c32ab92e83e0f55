using Xunit.Abstractions;

namespace WebDevSync.Core.Tests.Examples;

/// <summary>Measurements of the process's own heap run alone, so no other test's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "memory measurements";
}

/// <summary>
/// Code held by the router: ASCII-heavy code as UTF-8 (half a .NET string), other text as the string
/// where that is smaller; the text reads back exactly, and sessions compare by their text whatever form
/// it is held in.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public sealed class HeldTextFacts(ITestOutputHelper output)
{
    private const int Sessions = 16;
    private const int Chars = 1024 * 1024;

    [Fact]
    public void Ascii_code_is_held_in_about_its_utf8_size_not_twice_it()
    {
        var bytes = HeldAfterOpening(i => new string((char)('a' + i), Chars));
        output.WriteLine($"{Sessions} sessions of {Chars} ASCII chars: {bytes / 1048576.0:F1} MiB held (as strings: {2.0 * Sessions * Chars / 1048576:F1} MiB)");
        Assert.InRange(bytes, Sessions * Chars * 9L / 10, Sessions * Chars * 5L / 4);
    }

    [Fact]
    public void Code_mostly_outside_latin_is_held_as_the_string_where_utf8_would_be_larger()
    {
        var bytes = HeldAfterOpening(i => new string((char)('一' + i), Chars)); // 3 bytes in UTF-8, 2 in UTF-16
        output.WriteLine($"{Sessions} sessions of {Chars} CJK chars: {bytes / 1048576.0:F1} MiB held (as UTF-8: {3.0 * Sessions * Chars / 1048576:F1} MiB)");
        Assert.InRange(bytes, 2L * Sessions * Chars * 9 / 10, 2L * Sessions * Chars * 5 / 4);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("a long line of code, again and again; ")]
    [InlineData("ünïcödé ✓ 🎉 mixed into ASCII; ")]
    [InlineData("lone \ud800 surrogate; ")]
    public void Held_text_reads_back_exactly_and_sessions_compare_by_it(string piece)
    {
        var text = string.Concat(Enumerable.Repeat(piece, 40_000 / piece.Length + 1)); // past HeldText.Utf8FromChars
        var session = new Session("s", "alice", "t", "js", "b", null, text, 1, 1, 0, 0);
        Assert.Equal(text, session.Code);
        Assert.Equal(session, new Session("s", "alice", "t", "js", "b", null, new string(text.AsSpan()), 1, 1, 0, 0));
        Assert.NotEqual(session, session with { Code = text + "x" });
        Assert.Equal(text, (session with { Seq = 2 }).Code);
    }

    /// <summary>
    /// The heap the router's state keeps after an agent and a tab opened <see cref="Sessions"/> sessions, the
    /// messages gone. Within a tenth: whatever else the process frees or keeps meanwhile is noise around it.
    /// </summary>
    private static long HeldAfterOpening(Func<int, string> code)
    {
        var before = Settled();
        var state = Open(code);
        var after = Settled();
        GC.KeepAlive(state);
        return after - before;
    }

    private static RouterState Open(Func<int, string> code)
    {
        var state = RouterState.Empty();
        var (agent, tab) = (new ConnId(1), new ConnId(2));
        state = Router.Step(state, new Input.Message(agent, new ClientMessage.DesktopConnect("d", "alice", []), 0)).State;
        state = Router.Step(state, new Input.Message(tab, new ClientMessage.BrowserConnect("b", "alice", []), 0)).State;
        for (var i = 0; i < Sessions; i++)
            state = Router.Step(state, new Input.Message(tab, new ClientMessage.EditRequest(Claims.None, $"s{i}", $"t{i}", code(i), "js"), 0)).State;
        Assert.Equal(Sessions, state.Sessions.Count);
        return state;
    }

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

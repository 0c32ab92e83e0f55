using System.Collections.Concurrent;
using WebDevSync.Agent.Files;
using WebDevSync.Agent.Model;
using WebDevSync.Agent.Tests.Infrastructure;
using Xunit;

namespace WebDevSync.Agent.Tests.Files;

/// <summary>The directory watcher against real files, saved the ways editors save.</summary>
public sealed class WatcherTests : IDisposable
{
    private readonly TestDirectory _dir = new();
    private readonly ConcurrentQueue<AgentEvent> _events = new();

    public void Dispose() => _dir.Dispose();

    private (DirectoryWatcher Watcher, string Path) Watch(string content = "start")
    {
        var watcher = new DirectoryWatcher(_dir.Path, _events.Enqueue, () => 0, maxBytes: 1000);
        var path = Path.Combine(_dir.Path, "code-1-s1.js");
        PrivateDirectory.Write(path, content);
        watcher.Watch("s1", path, FileStamp.Of(path));
        return (watcher, path);
    }

    private async Task<string> NextSaveAsync(int count)
    {
        await Waits.UntilAsync(() => _events.OfType<AgentEvent.FileSaved>().Count() >= count, $"save {count}");
        return _events.OfType<AgentEvent.FileSaved>().ElementAt(count - 1).Content;
    }

    [Fact]
    public async Task In_place_rename_over_and_delete_recreate_saves_are_all_seen()
    {
        var (watcher, path) = Watch();
        using var _ = watcher;

        File.WriteAllText(path, "one");
        Assert.Equal("one", await NextSaveAsync(1));

        File.WriteAllText(path + ".tmp", "two");
        File.Move(path + ".tmp", path, overwrite: true);
        Assert.Equal("two", await NextSaveAsync(2));

        File.Delete(path);
        await Task.Delay(100); // a recreate that comes a moment later is still the same session
        File.WriteAllText(path, "three");
        Assert.Equal("three", await NextSaveAsync(3));
        Assert.All(_events.OfType<AgentEvent.FileSaved>(), e => Assert.Equal("s1", e.SessionId));
    }

    [Fact]
    public async Task The_agents_own_write_is_not_reported_and_other_files_are_ignored()
    {
        var (watcher, path) = Watch();
        using var _ = watcher;
        File.WriteAllText(Path.Combine(_dir.Path, ".code-1-s1.js.swp"), "swap");
        File.WriteAllText(path, "mine");
        Assert.Equal("mine", await NextSaveAsync(1));
        Assert.Single(_events);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_rejected_not_read()
    {
        var (watcher, path) = Watch();
        using var _ = watcher;
        File.WriteAllText(path, new string('x', 1001));
        await Waits.UntilAsync(() => _events.OfType<AgentEvent.FileRejected>().Any(), "the rejection");
        Assert.Empty(_events.OfType<AgentEvent.FileSaved>());
    }

    [Fact]
    public void Flush_reads_the_file_now_and_the_later_event_is_not_reported_twice()
    {
        var (watcher, path) = Watch();
        using var _ = watcher;
        File.WriteAllText(path, "last words");
        Assert.Equal("last words", watcher.Flush(path));
        Thread.Sleep(200);
        Assert.Empty(_events.OfType<AgentEvent.FileSaved>());
    }
}

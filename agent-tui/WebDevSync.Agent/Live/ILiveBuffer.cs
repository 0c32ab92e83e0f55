namespace WebDevSync.Agent.Live;

/// <summary>
/// An editor buffer kept live with the page: the editor's changes are reported as they happen (through
/// the callback given when attaching), and the page's changes are put into the buffer.
/// </summary>
public interface ILiveBuffer : IAsyncDisposable
{
    /// <summary>Puts the page's text into the buffer; false when the editor is gone or refused it.</summary>
    Task<bool> ApplyAsync(string text);

    /// <summary>Shows the user a one-line notice in the editor (its message line); false when it cannot.</summary>
    Task<bool> NoticeAsync(string text) => Task.FromResult(false);

    /// <summary>Ends when the editor lets go of the buffer (quit, or the connection dropped).</summary>
    Task Completion { get; }
}

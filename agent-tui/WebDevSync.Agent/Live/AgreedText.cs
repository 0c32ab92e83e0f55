namespace WebDevSync.Agent.Live;

/// <summary>
/// The text the agent and a live editor last agreed on: what the editor last reported or the page
/// last put in. A report equal to it is no change (so the page's own text never echoes back), and
/// its line break and final newline give the editor's lines back their full text. Thread-safe.
/// </summary>
public sealed class AgreedText(string text)
{
    private readonly Lock _gate = new();
    private LineText _shape = LineText.Of(text);
    private string _known = text;

    /// <summary>The editor's lines as text, or null when that is what was agreed already.</summary>
    public string? Changed(IEnumerable<string> lines)
    {
        lock (_gate)
        {
            var text = _shape.WithLines(lines).Text;
            if (text == _known) return null;
            _known = text;
            return text;
        }
    }

    /// <summary>The page's text is going into the editor: agree on it now, before the editor reports it back.</summary>
    public LineText Expect(string text)
    {
        lock (_gate)
        {
            _shape = LineText.Of(text);
            _known = text;
            return _shape;
        }
    }
}

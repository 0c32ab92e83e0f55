using System.Collections.Immutable;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using WebDevSync.Agent.Model;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace WebDevSync.Agent.Views;

/// <summary>The newest log lines that fit, errors in red and debug lines grey, each cut to the pane's width.</summary>
internal sealed class LogPane : View
{
    private ImmutableArray<(string Time, LogLevel Level, string Text)> _lines = [];

    public LogPane()
    {
        Title = "Log";
        BorderStyle = LineStyle.Rounded;
        CanFocus = false;
    }

    public void Show(ImmutableArray<(string Time, LogLevel Level, string Text)> lines)
    {
        if (lines.SequenceEqual(_lines)) return;
        _lines = lines;
        SetNeedsDraw();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var (width, height) = (Viewport.Width, Viewport.Height);
        var normal = GetAttributeForRole(VisualRole.Normal);
        var shown = _lines.Skip(Math.Max(0, _lines.Length - height)).ToList();
        for (var y = 0; y < shown.Count; y++)
        {
            var (time, level, text) = shown[y];
            SetAttribute(new Attribute(new Color(ColorName16.DarkGray), normal.Background));
            AddStr(0, y, Fit(time, width));
            var colour = level switch { LogLevel.Error => new Color(ColorName16.BrightRed), LogLevel.Debug => new Color(ColorName16.DarkGray), _ => normal.Foreground };
            SetAttribute(new Attribute(colour, normal.Background));
            if (width > time.Length + 1) AddStr(time.Length + 1, y, Fit(text, width - time.Length - 1));
        }
        return true;
    }

    internal static string Fit(string text, int width) =>
        width <= 0 ? "" : text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";
}

using System.Globalization;
using WebDevSync.Core.Protocol;

namespace WebDevSync.Agent.Editors;

/// <summary>
/// The editor template <c>ghosttext</c> or <c>ghosttext:PORT</c>: instead of starting a program on a
/// file, each session connects to the GhostText plugin of an editor already running on this machine
/// (VS Code, Sublime Text, Emacs atomic-chrome, nvim-ghost, …), as GhostText's browser extension would.
/// </summary>
public static class GhostTextEditor
{
    public const string Name = "ghosttext";

    /// <summary>GhostText's own default: every plugin listens there unless told otherwise.</summary>
    public const int DefaultPort = 4001;

    /// <summary>Whether the template means GhostText at all (valid or not): <c>ghosttext</c> or <c>ghosttext:…</c>.</summary>
    public static bool Names(string template)
    {
        var t = template.Trim();
        return t.Equals(Name, StringComparison.OrdinalIgnoreCase) || t.StartsWith(Name + ":", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The plugin's port the template names, or null when it is not a GhostText template (or its port is not 1–65535).</summary>
    public static int? Port(string template)
    {
        if (!Names(template)) return null;
        var t = template.Trim();
        if (t.Length == Name.Length) return DefaultPort;
        var digits = t[(Name.Length + 1)..];
        return digits.Length is > 0 and <= 5 && digits.All(char.IsAsciiDigit)
               && int.Parse(digits, CultureInfo.InvariantCulture) is var port and >= 1 and <= 65535 ? port : null;
    }
}

/// <summary>What the agent tells the editor's plugin about a field, as the browser extension would: <c>{title, url, syntax, text, selections}</c>.</summary>
public sealed record GhostTextField(string Title, string Url, string Syntax, string Text, TextSelection Selection);

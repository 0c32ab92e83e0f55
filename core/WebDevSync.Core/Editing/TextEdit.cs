namespace WebDevSync.Core.Editing;

/// <summary>
/// One edit of a text: UTF-16 code units <see cref="Start"/> up to (not including) <see cref="End"/>
/// become <see cref="Text"/>. A change's edits all count in the same base text (the one at its
/// <c>baseSeq</c>), sorted and not overlapping (README "Edits").
/// </summary>
public readonly record struct TextEdit(int Start, int End, string Text);

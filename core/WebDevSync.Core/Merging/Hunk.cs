namespace WebDevSync.Core.Merging;

/// <summary>One edit of a base text: chars <see cref="Start"/> up to (not including) <see cref="End"/> become <see cref="Replacement"/>.</summary>
internal readonly record struct Hunk(int Start, int End, string Replacement)
{
    /// <summary>
    /// Whether this and <paramref name="other"/> share a char of the base or meet at a point. Touching
    /// counts: two inserts at one place, or edits on both sides of one boundary, have no order both
    /// sides agreed on, so they are refused rather than ordered by a rule the users did not choose.
    /// </summary>
    public bool Meets(Hunk other) => Start <= other.End && other.Start <= End;
}

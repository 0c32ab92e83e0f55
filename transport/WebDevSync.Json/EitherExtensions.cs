using LanguageExt;

namespace WebDevSync.Json;

/// <summary>
/// Folding an <see cref="Either{L,R}"/> into any result. LanguageExt's <c>Match</c> refuses results that
/// equal their default (a completed <c>ValueTask</c>, a zero), which the transports return all the time.
/// </summary>
public static class EitherExtensions
{
    // The explicit conversions hand out the value itself; RightToSeq().Head built a Seq and an array per
    // call, and Case an object (docs/PERFORMANCE.md, "One thread per message").
    public static T Fold<L, R, T>(this Either<L, R> either, Func<R, T> right, Func<L, T> left) =>
        either.IsRight ? right((R)either) : left((L)either);

    /// <summary>The same for <see cref="Option{A}"/>, whose <c>Match</c> has the same restriction.</summary>
    public static T Fold<A, T>(this Option<A> option, Func<A, T> some, Func<T> none) =>
        option.IsSome ? some(option.ToSeq().Head) : none();

    public static A? OrNull<A>(this Option<A> option) where A : class => option.Fold<A, A?>(a => a, () => null);
}

using LanguageExt;
using WebDevSync.Core.Protocol;
using static LanguageExt.Prelude;

namespace WebDevSync.Proto;

/// <summary>The same field rules as the JSON decoder (<see cref="Limits"/>), for protobuf messages.</summary>
internal static class ProtoFields
{
    public static Either<DecodeError, string> Required(string value, string name, int maxLength, string? sessionId = null) =>
        value.Length == 0 ? new DecodeError(ErrorCode.InvalidMessage, $"{name} is required", sessionId)
        : value.Length > maxLength ? new DecodeError(ErrorCode.InvalidMessage, $"{name} is longer than {maxLength} characters", sessionId)
        : Right<DecodeError, string>(value);

    public static Either<DecodeError, Option<string>> Optional(string value, string name, int maxLength, string? sessionId = null) =>
        value.Length == 0 ? Right<DecodeError, Option<string>>(None) : Required(value, name, maxLength, sessionId).Map(Some);

    public static Either<DecodeError, string> Code(string value, int maxBytes, string sessionId) =>
        Limits.CodeTooLarge(value, maxBytes)
            ? new DecodeError(ErrorCode.PayloadTooLarge, Limits.CodeTooLargeMessage("code", maxBytes), sessionId)
            : Right<DecodeError, string>(value);

    /// <summary>An optional sequence number (proto3 <c>optional</c>): absent is null, a negative one is refused like JSON's.</summary>
    public static Either<DecodeError, Option<long>> OptionalSeq(bool has, long value, string name, string sessionId) =>
        !has ? Right<DecodeError, Option<long>>(None)
        : value < 0 ? new DecodeError(ErrorCode.InvalidMessage, $"{name} must be a non-negative integer", sessionId)
        : Right<DecodeError, Option<long>>(value);

    public static long? Nullable(Option<long> value) => value.IsSome ? value.IfNone(0) : null;

    public static string OrTxt(string fileType) => fileType.Length == 0 ? "txt" : fileType;

    /// <summary>An optional field's value, or null (proto/ does not reference the JSON transport, which has its own).</summary>
    public static T? OrNull<T>(this Option<T> option) where T : class => option.IsSome ? (T)option : null;
}

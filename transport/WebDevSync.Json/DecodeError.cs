using WebDevSync.Core.Protocol;

namespace WebDevSync.Json;

/// <summary>Why a frame is not a valid message: a stable code, a message for the sender, the session it named.</summary>
public sealed record DecodeError(ErrorCode Code, string Message, string? SessionId = null);

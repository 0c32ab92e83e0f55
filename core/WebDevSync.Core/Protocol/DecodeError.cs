namespace WebDevSync.Core.Protocol;

/// <summary>
/// Why a frame is not a valid message: a stable code, a message for the sender, the session it named.
/// Every transport's decoder (JSON, protobuf) produces it, so it is part of the protocol, not of one wire form.
/// </summary>
public sealed record DecodeError(ErrorCode Code, string Message, string? SessionId = null);

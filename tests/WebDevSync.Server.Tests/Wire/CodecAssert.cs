using System.Buffers;

namespace WebDevSync.Server.Tests.Wire;

/// <summary>Encode-then-decode helpers, and equality that looks inside the connect messages' arrays.</summary>
internal static class CodecAssert
{
    public const int MaxCode = 5 * 1024 * 1024;

    public static ClientMessage ClientRoundTrip(ClientMessage m) =>
        DecodeClient(ClientMessageEncoder.ToBytes(m)).Fold(x => x, e => throw new Xunit.Sdk.XunitException($"{e.Code}: {e.Message}"));

    public static ServerMessage ServerRoundTrip(ServerMessage m) =>
        ServerMessageDecoder.Decode(ServerMessageEncoder.ToBytes(m)).Fold(x => x, e => throw new Xunit.Sdk.XunitException($"{e.Code}: {e.Message}"));

    public static LanguageExt.Either<DecodeError, ClientMessage> DecodeClient(byte[] utf8, int maxCode = MaxCode) =>
        ClientMessageDecoder.Decode(new ReadOnlySequence<byte>(utf8), maxCode);

    public static LanguageExt.Either<DecodeError, ClientMessage> DecodeClient(string json, int maxCode = MaxCode) =>
        DecodeClient(Encoding.UTF8.GetBytes(json), maxCode);

    public static bool Same(ClientMessage a, ClientMessage b) => (a, b) switch
    {
        (ClientMessage.BrowserConnect x, ClientMessage.BrowserConnect y) =>
            x.ConnectionId == y.ConnectionId && x.UserId == y.UserId && x.Resume.SequenceEqual(y.Resume) && x.AcceptsMerged == y.AcceptsMerged,
        (ClientMessage.DesktopConnect x, ClientMessage.DesktopConnect y) =>
            x.ConnectionId == y.ConnectionId && x.UserId == y.UserId && x.Sessions.SequenceEqual(y.Sessions) && x.AcceptsMerged == y.AcceptsMerged,
        _ => a.Equals(b),
    };
}

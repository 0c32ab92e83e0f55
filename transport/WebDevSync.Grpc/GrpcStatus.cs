namespace WebDevSync.Grpc;

/// <summary>The outcome of a call as sent in the <c>grpc-status</c> / <c>grpc-message</c> trailers.</summary>
public readonly record struct GrpcStatus(GrpcStatusCode Code, string Detail = "")
{
    public static readonly GrpcStatus Ok = new(GrpcStatusCode.OK);

    public override string ToString() => Detail.Length == 0 ? Code.ToString() : $"{Code}: {Detail}";
}

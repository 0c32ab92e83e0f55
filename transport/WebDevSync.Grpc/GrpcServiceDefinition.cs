namespace WebDevSync.Grpc;

/// <summary>A service, as built by <see cref="GrpcServiceBuilder"/>: a full name and its methods.</summary>
public sealed record GrpcServiceDefinition(string Name, IReadOnlyList<GrpcMethodDefinition> Methods);

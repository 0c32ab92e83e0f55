using WebDevSync.Grpc.Server;

namespace WebDevSync.Grpc;

/// <summary>One method of a service: its path, its kind and how to run it over a call.</summary>
public sealed class GrpcMethodDefinition
{
    internal GrpcMethodDefinition(string serviceName, string name, GrpcMethodKind kind, Func<ServerCall, Task> invoke)
    {
        ServiceName = serviceName;
        Name = name;
        Kind = kind;
        Invoke = invoke;
    }

    public string ServiceName { get; }
    public string Name { get; }
    public GrpcMethodKind Kind { get; }

    /// <summary>The HTTP path the method is served at: "/package.Service/Method" (case-sensitive).</summary>
    public string Path => $"/{ServiceName}/{Name}";

    internal Func<ServerCall, Task> Invoke { get; }
}

namespace WebDevSync.Grpc.Server;

/// <summary>The three pieces a method invoker needs: the context, the request reader, the response writer.</summary>
internal sealed record ServerCall(GrpcCallContext Context, RequestFrameReader Reader, CallResponseWriter Writer);

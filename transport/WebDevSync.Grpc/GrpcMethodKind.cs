namespace WebDevSync.Grpc;

public enum GrpcMethodKind { Unary, ServerStreaming, ClientStreaming, DuplexStreaming }

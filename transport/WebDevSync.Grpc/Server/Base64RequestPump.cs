using System.Buffers;
using System.IO.Pipelines;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Server;

/// <summary>Decodes an application/grpc-web-text request body into a pipe the frame reader reads as binary.</summary>
internal static class Base64RequestPump
{
    public static async Task RunAsync(PipeReader text, PipeWriter binary, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await text.ReadAsync(cancellationToken);
                var chunk = result.Buffer.IsSingleSegment ? result.Buffer.FirstSpan : result.Buffer.ToArray();
                if (Base64Chunks.Decode(chunk, binary, out var consumed) == Base64Chunks.DecodeResult.Invalid ||
                    (result.IsCompleted && consumed != chunk.Length))
                {
                    failure = new GrpcException(GrpcStatusCode.Internal, "The grpc-web-text request body is not valid base64.");
                    text.AdvanceTo(result.Buffer.End);
                    break;
                }
                text.AdvanceTo(result.Buffer.GetPosition(consumed), result.Buffer.End);
                await binary.FlushAsync(cancellationToken);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception exception)
        {
            // Cancellation or a dropped connection: hand it to the reader side, which ends the call.
            failure = exception;
        }
        await binary.CompleteAsync(failure);
    }
}

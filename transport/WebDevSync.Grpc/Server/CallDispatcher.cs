using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using WebDevSync.Grpc.Wire;

namespace WebDevSync.Grpc.Server;

/// <summary>
/// Runs one call: checks the request, sets up deadline and cancellation, invokes the method and ends
/// the call with a status. This is the one place where a handler's exceptions are caught: anything
/// escaping it would turn into a stream reset instead of a status.
/// </summary>
internal static class CallDispatcher
{
    public static async Task HandleAsync(HttpContext http, GrpcMethodDefinition method, GrpcServerOptions options, ILogger logger)
    {
        if (GrpcCors.IsPreflight(http.Request))
        {
            GrpcCors.AnswerPreflight(http, options);
            return;
        }
        if (GrpcRequestCheck.Check(http) is not { } protocol)
        {
            GrpcLog.NotGrpc(logger, http.Request.Path, http.Request.ContentType, http.Response.StatusCode);
            return;
        }
        GrpcRequestCheck.PrepareResponse(http, protocol, options);
        // A stream may idle for minutes and carry more than any body limit in total: Kestrel's per-request
        // data rate and size limits would reset it, so they are switched off and message size checked per frame.
        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate) rate.MinDataRate = null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = null;

        var started = Stopwatch.GetTimestamp();
        var timeout = GrpcTimeout.Parse(http.Request.Headers["grpc-timeout"]);
        using var deadline = timeout is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, deadline.Token);
        var token = callCancellation.Token;

        var body = http.Request.BodyReader;
        Task pump = Task.CompletedTask;
        if (protocol == GrpcProtocol.WebText)
        {
            var decoded = new Pipe();
            pump = Base64RequestPump.RunAsync(http.Request.BodyReader, decoded.Writer, token);
            body = decoded.Reader;
        }
        var writer = new CallResponseWriter(http.Response, protocol, options.MaxSendMessageSize);
        var context = new GrpcCallContext(http, method.Path, protocol, DateTime.UtcNow + timeout, token, writer);
        var reader = new RequestFrameReader(body, options.MaxReceiveMessageSize, token);
        var call = new ServerCall(context, reader, writer);

        GrpcStatus status;
        try
        {
            await method.Invoke(call);
            status = reader.Failure ?? context.Status;
        }
        catch (Exception exception)
        {
            status = CallStatus.FromException(exception, timeout is not null && deadline.IsCancellationRequested,
                http.RequestAborted.IsCancellationRequested);
            if (status.Code == GrpcStatusCode.Unknown) GrpcLog.HandlerFailed(logger, method.Path, exception);
        }
        finally
        {
            await callCancellation.CancelAsync(); // stops the text pump if the client is still sending
            await pump;
        }

        var aborted = http.RequestAborted.IsCancellationRequested;
        if (!aborted) await SendStatusAsync(writer, status, context, method, logger);
        GrpcLog.CallEnded(logger, method.Path, protocol, status.Code, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        options.OnCallCompleted?.Invoke(new GrpcCallInfo(method.Path, protocol, status, aborted));
    }

    private static async Task SendStatusAsync(CallResponseWriter writer, GrpcStatus status, GrpcCallContext context,
        GrpcMethodDefinition method, ILogger logger)
    {
        try
        {
            await writer.CompleteAsync(status, context.ResponseTrailers);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away between the handler's end and the trailers; nobody is left to tell.
            GrpcLog.StatusNotSent(logger, method.Path, exception);
        }
    }
}

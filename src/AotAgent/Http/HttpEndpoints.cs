using System.Text;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AotAgent.Http;

/// <summary>
/// Every request, in one delegate (no routing): GET and HEAD only (405 otherwise, HEAD on every path), four fixed paths
/// on the main listener and the two probes on the probe listener, and a write deadline on every response
/// (<see cref="HttpLimits.WriteDeadline"/>): a client that does not read is dropped.
/// </summary>
internal sealed class HttpEndpoints(HttpSettings settings, DaemonStatus status, AgentMetrics metrics, StatusEndpoint statusEndpoint, LoadTrim load, TimeProvider time, ILogger<HttpEndpoints> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        load.Request();
        var request = context.Request;
        var response = context.Response;
        var head = HttpMethods.IsHead(request.Method);
        using var timeout = new CancellationTokenSource(HttpLimits.WriteDeadline, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
        var token = deadline.Token;
        try
        {
            if (!head && !HttpMethods.IsGet(request.Method))
            {
                response.Headers.Allow = "GET, HEAD";
                await Text(response, 405, "method not allowed: GET or HEAD\n", head, token);
                return;
            }

            var probeListener = settings.ProbePort != 0 && context.Connection.LocalPort == settings.ProbePort;
            switch (request.Path.Value)
            {
                case "/healthz":
                    var (live, liveReason) = status.Liveness();
                    await Text(response, live ? 200 : 503, liveReason + "\n", head, token);
                    break;
                case "/readyz":
                    var (ready, readyReason) = status.Readiness();
                    await Text(response, ready ? 200 : 503, (ready ? "ready: " : "not ready: ") + readyReason + "\n", head, token);
                    break;
                case "/metrics" when !probeListener:
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    if (!head)
                    {
                        await metrics.Registry.CollectAndExportAsTextAsync(response.Body, token);
                    }

                    break;
                case "/status" when !probeListener:
                    await Status(response, head, token);
                    break;
                default:
                    await Text(response, 404, probeListener ? "not found: the probe listener serves /healthz and /readyz\n" : "not found: try /healthz, /readyz, /metrics, /status\n", head, token);
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Past the write deadline, or the client went away: drop the connection and whatever it still holds.
            context.Abort();
        }
        catch (Exception ex)
        {
            logger.HttpRequestFailed(ex);
            context.Abort();
        }
    }

    private async Task Status(HttpResponse response, bool head, CancellationToken token)
    {
        if (head)
        {
            Json(response, statusEndpoint.Body().Length);
            return;
        }

        if (!statusEndpoint.TryEnter())
        {
            response.Headers.RetryAfter = "1";
            await Text(response, 503, $"busy: {HttpLimits.StatusConcurrency} /status responses are being written; retry\n", head, token);
            return;
        }

        try
        {
            var body = statusEndpoint.Body();
            Json(response, body.Length);
            await response.Body.WriteAsync(body, token);
        }
        finally
        {
            statusEndpoint.Leave();
        }
    }

    private static void Json(HttpResponse response, int length)
    {
        response.ContentType = "application/json";
        response.ContentLength = length;
    }

    private static async Task Text(HttpResponse response, int code, string body, bool head, CancellationToken token)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = code;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = bytes.Length;
        if (!head)
        {
            await response.Body.WriteAsync(bytes, token);
        }
    }
}

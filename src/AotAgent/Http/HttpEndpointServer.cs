using System.Net;
using System.Text;
using System.Text.Json;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AotAgent.Http;

/// <summary>
/// /healthz, /readyz, /metrics and /status on <c>Http__Address</c>:<c>Http__Port</c>. HttpListener rather than Kestrel:
/// four fixed GET routes do not justify ASP.NET Core's start-up time and resident memory on every node.
/// </summary>
internal sealed class HttpEndpointServer(HttpSettings settings, DaemonStatus status, AgentMetrics metrics, ILogger<HttpEndpointServer> logger) : BackgroundService
{
    private HttpListener? _listener;

    /// <summary>Binds before the reconcile loop starts so that a port clash fails the start, not a probe later.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Port == 0)
        {
            return Task.CompletedTask;
        }

        _listener = new HttpListener { IgnoreWriteExceptions = true };
        foreach (var prefix in Prefixes(settings.Address, settings.Port))
        {
            _listener.Prefixes.Add(prefix);
        }

        _listener.Start();
        logger.HttpListening(string.Join(", ", _listener.Prefixes));
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// HttpListener matches the Host header against its prefixes, so a loopback bind also answers to "localhost";
    /// the wildcard prefix answers to any host (probes from the kubelet use the node IP).
    /// </summary>
    public static IReadOnlyList<string> Prefixes(string address, int port)
    {
        var ip = IPAddress.Parse(address);
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return [$"http://+:{port}/"];
        }

        var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return IPAddress.IsLoopback(ip) ? [$"http://{host}:{port}/", $"http://localhost:{port}/"] : [$"http://{host}:{port}/"];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is null)
        {
            return;
        }

        using var registration = stoppingToken.Register(() => _listener.Stop());
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            _ = Task.Run(() => HandleAsync(context, stoppingToken), CancellationToken.None);
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        try
        {
            var request = context.Request;
            if (request.HttpMethod is not ("GET" or "HEAD"))
            {
                await Text(response, 405, "method not allowed\n");
                return;
            }

            switch (request.Url?.AbsolutePath)
            {
                case "/healthz":
                    var (live, liveReason) = status.Liveness();
                    await Text(response, live ? 200 : 503, liveReason + "\n");
                    break;
                case "/readyz":
                    var (ready, readyReason) = status.Readiness();
                    await Text(response, ready ? 200 : 503, (ready ? "ready: " : "not ready: ") + readyReason + "\n");
                    break;
                case "/metrics":
                    response.StatusCode = 200;
                    response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await metrics.Registry.CollectAndExportAsTextAsync(response.OutputStream, cancellationToken);
                    break;
                case "/status":
                    var json = JsonSerializer.SerializeToUtf8Bytes(status.Report(), AgentJsonContext.Relaxed.StatusReport);
                    response.StatusCode = 200;
                    response.ContentType = "application/json";
                    response.ContentLength64 = json.Length;
                    await response.OutputStream.WriteAsync(json, cancellationToken);
                    break;
                default:
                    await Text(response, 404, "not found: try /healthz, /readyz, /metrics, /status\n");
                    break;
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away; nothing to report.
        }
        catch (Exception ex)
        {
            logger.HttpRequestFailed(ex);
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // Closing a response whose client vanished.
            }
        }
    }

    private static async Task Text(HttpListenerResponse response, int code, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = code;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    public override void Dispose()
    {
        _listener?.Close();
        base.Dispose();
    }
}

using System.Net;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AotAgent.Http;

/// <summary>
/// Kestrel without routing (<c>UseKestrelCore</c>, one delegate), HTTP/1.1 only, with every limit set
/// (<see cref="HttpLimits"/>): the main listener on <c>Http__Address</c>:<c>Http__Port</c> and a probe listener on
/// 127.0.0.1:<c>Http__ProbePort</c>, each with its own connection cap. <c>::</c> binds dual-stack (IPv4 only where the
/// node has IPv6 disabled); <c>0.0.0.0</c> binds IPv4 only.
/// </summary>
internal static class HttpServer
{
    /// <summary>
    /// Kestrel's per-request and per-connection lines (one Warning per refused connection, Information per request)
    /// would flood the log under abuse; refusals are counted and summarised by <see cref="ListenerCap"/> instead.
    /// Added before the operator's <c>Logging__</c> keys, which therefore still win for the same category.
    /// </summary>
    public static void AddLogFilters(ILoggingBuilder logging)
    {
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.Error);
    }

    public static void Configure(WebApplicationBuilder builder, HttpSettings settings)
    {
        builder.Services.AddSingleton(services => new LoadTrim(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<StatusEndpoint>();
        builder.Services.AddSingleton<HttpEndpoints>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(options => Configure(options, settings));
    }

    public static void Map(WebApplication app, HttpSettings settings)
    {
        app.Run(app.Services.GetRequiredService<HttpEndpoints>().HandleAsync);
        var logger = app.Services.GetRequiredService<ILogger<HttpEndpoints>>();
        app.Lifetime.ApplicationStarted.Register(() => logger.HttpListening(settings.Describe()));
    }

    private static void Configure(KestrelServerOptions options, HttpSettings settings)
    {
        options.AddServerHeader = false;
        var limits = options.Limits;
        limits.MaxConcurrentConnections = HttpLimits.KestrelBackstop;
        limits.MaxConcurrentUpgradedConnections = 0;
        limits.MaxRequestBodySize = 0;
        limits.MaxRequestLineSize = HttpLimits.MaxRequestLineSize;
        limits.MaxRequestHeadersTotalSize = HttpLimits.MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = HttpLimits.MaxRequestHeaderCount;
        limits.MaxRequestBufferSize = HttpLimits.MaxRequestBufferSize;
        limits.MaxResponseBufferSize = HttpLimits.MaxResponseBufferSize;
        limits.KeepAliveTimeout = HttpLimits.KeepAliveTimeout;
        limits.RequestHeadersTimeout = HttpLimits.RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(HttpLimits.MinRequestBodyBytesPerSecond, HttpLimits.DataRateGrace);
        limits.MinResponseDataRate = new MinDataRate(HttpLimits.MinResponseBytesPerSecond, HttpLimits.DataRateGrace);

        var services = options.ApplicationServices;
        var metrics = services.GetRequiredService<AgentMetrics>();
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILogger<ListenerCap>>();
        var load = services.GetRequiredService<LoadTrim>();
        var main = new ListenerCap("main", HttpLimits.MainConnections, metrics, load, time, logger);
        var address = IPAddress.Parse(settings.Address);
        if (address.Equals(IPAddress.IPv6Any))
        {
            options.ListenAnyIP(settings.Port, listen => Endpoint(listen, main));
        }
        else
        {
            options.Listen(address, settings.Port, listen => Endpoint(listen, main));
        }

        if (settings.ProbePort != 0)
        {
            var probe = new ListenerCap("probe", HttpLimits.ProbeConnections, metrics, load, time, logger);
            options.Listen(IPAddress.Loopback, settings.ProbePort, listen => Endpoint(listen, probe));
        }
    }

    private static void Endpoint(ListenOptions listen, ListenerCap cap)
    {
        listen.Protocols = HttpProtocols.Http1;
        listen.Use(cap.Wrap);
    }
}

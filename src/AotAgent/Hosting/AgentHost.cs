using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Http;
using AotAgent.Platform;
using AotAgent.Reconciliation;
using AotAgent.Watching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace AotAgent.Hosting;

/// <summary>The daemon's slim Generic Host: only what it uses (no appsettings watchers), wired around one pipeline.</summary>
internal static class AgentHost
{
    /// <summary>SIGTERM must end the process within 2 s (kubelet grace is short on node agents).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// Builds the host around <paramref name="reconciler"/>, the pipeline the start-up pass already ran on, so the
    /// loop continues from its state (the primary in force, the output it wrote).
    /// </summary>
    public static IHost Build(IFileSystem fileSystem, IFileProbe probe, TimeProvider time, SettingsLoader loader, AgentSettings settings, IConfigurationRoot configuration, Reconciler reconciler, StartupPass startup)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "aot-agent" });
        builder.Configuration.AddConfiguration(configuration);
        AddLogging(builder, configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(fileSystem);
        builder.Services.AddSingleton(probe);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(reconciler);
        builder.Services.AddSingleton(startup);
        builder.Services.AddSingleton(settings.Http);
        builder.Services.AddSingleton(_ => new AgentMetrics(Metrics.NewCustomRegistry()));
        builder.Services.AddSingleton(sp => new LiveSettings(loader, settings, configuration, sp.GetRequiredService<AgentMetrics>(), sp.GetRequiredService<ILogger<LiveSettings>>()));
        builder.Services.AddSingleton<IDirectoryWatcherFactory, FileSystemDirectoryWatcherFactory>();
        builder.Services.AddSingleton<IWatchObserver, WatchReporter>();
        builder.Services.AddSingleton<ChangeSignal>();
        builder.Services.AddSingleton<WatchSupervisor>();
        builder.Services.AddSingleton<DaemonStatus>();
        builder.Services.AddSingleton<PassReporter>();

        // HTTP first: it binds in StartAsync, so a taken port stops the start before the loop runs.
        builder.Services.AddHostedService<HttpEndpointServer>();
        builder.Services.AddHostedService<ReconcileLoop>();
        return builder.Build();
    }

    private static void AddLogging(HostApplicationBuilder builder, IConfiguration configuration)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection(SettingKeys.LoggingSection));
        builder.Logging.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        // Each Add*Console above sets FormatterName; the operator's Logging__Console__FormatterName must win.
        var formatter = configuration[$"{SettingKeys.LoggingSection}:Console:FormatterName"];
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = string.IsNullOrEmpty(formatter) ? ConsoleFormatterNames.Simple : formatter.Trim());
    }
}

using System.Diagnostics;
using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Http;
using AotAgent.Platform;
using AotAgent.Reconciliation;
using AotAgent.Watching;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AotAgent.Hosting;

/// <summary>
/// The daemon's slim host: only what it uses (no appsettings watchers), wired around one pipeline. With HTTP it is a
/// <see cref="WebApplication"/> on Kestrel (Http/); with <c>Http__Port=0</c> a plain Generic Host, with no server at all.
/// </summary>
internal static class AgentHost
{
    /// <summary>SIGTERM must end the process within 2 s (kubelet grace is short on node agents).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMilliseconds(1500);

    private const string ApplicationName = "aot-agent";

    /// <summary>
    /// Builds the host around <paramref name="reconciler"/>, the pipeline the start-up pass already ran on, so the
    /// loop continues from its state (the primary in force, the output it wrote).
    /// </summary>
    public static IHost Build(IFileSystem fileSystem, IFileProbe probe, TimeProvider time, SettingsLoader loader, AgentSettings settings, IConfigurationRoot configuration, Reconciler reconciler, StartupPass startup)
    {
        if (settings.Http.Port == 0)
        {
            var plain = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = ApplicationName });
            AddAgent(plain, fileSystem, probe, time, loader, settings, configuration, reconciler, startup);
            return plain.Build();
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = ApplicationName });
        AddAgent(builder, fileSystem, probe, time, loader, settings, configuration, reconciler, startup);
        HttpServer.Configure(builder, settings.Http);
        var app = builder.Build();
        HttpServer.Map(app, settings.Http);
        return app;
    }

    /// <summary>
    /// What SIGHUP does to the daemon: one line, then the same reload a ConfigMap change makes (re-read, validate, apply
    /// or refuse, then a pass).
    /// </summary>
    public static Action ReloadOnHangup(IHost host)
    {
        var signal = host.Services.GetRequiredService<ChangeSignal>();
        var logger = host.Services.GetRequiredService<ILogger<LiveSettings>>();
        return () =>
        {
            logger.HangupReload();
            signal.Raise(ChangeKind.Configuration);
        };
    }

    private static void AddAgent(IHostApplicationBuilder builder, IFileSystem fileSystem, IFileProbe probe, TimeProvider time, SettingsLoader loader, AgentSettings settings, IConfigurationRoot configuration, Reconciler reconciler, StartupPass startup)
    {
        builder.Configuration.AddConfiguration(configuration);
        ConsoleLogging.Add(builder, configuration, outputIsTerminal: !Console.IsOutputRedirected);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(fileSystem);
        builder.Services.AddSingleton(probe);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(reconciler);
        builder.Services.AddSingleton(startup);
        builder.Services.AddSingleton(settings.Http);
        builder.Services.AddSingleton(sp => CreateMetrics(sp, fileSystem));
        builder.Services.AddSingleton(sp => new LiveSettings(loader, settings, configuration, sp.GetRequiredService<AgentMetrics>(), sp.GetRequiredService<ILogger<LiveSettings>>()));
        builder.Services.AddSingleton<IDirectoryWatcherFactory, FileSystemDirectoryWatcherFactory>();
        builder.Services.AddSingleton<IWatchObserver, WatchReporter>();
        builder.Services.AddSingleton<ChangeSignal>();
        builder.Services.AddSingleton<WatchSupervisor>();
        builder.Services.AddSingleton<DaemonStatus>();
        builder.Services.AddSingleton<PassReporter>();
        builder.Services.AddSingleton(sp => new IdleTrim(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<ReconcileLoop>();
    }

    private static AgentMetrics CreateMetrics(IServiceProvider services, IFileSystem fileSystem)
    {
        var metrics = new AgentMetrics(Prometheus.Metrics.NewCustomRegistry());
        metrics.Observe(services.GetRequiredService<ChangeSignal>());
        using var self = Process.GetCurrentProcess();
        _ = new ProcessMetrics(metrics.Registry, fileSystem, new DateTimeOffset(self.StartTime.ToUniversalTime()), () => Environment.CpuUsage.TotalTime);
        return metrics;
    }
}

using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Diagnostics;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Watching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace AotAgent.Hosting;

public static class AgentServiceCollectionExtensions
{
    /// <summary>Registers the daemon: the pipeline, the watch, the loop and the HTTP endpoints.</summary>
    public static IServiceCollection AddAgent(this IServiceCollection services, SettingsLoader loader, AgentSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(loader);
        services.AddSingleton(sp => new LiveSettings(loader, settings, configuration, sp.GetRequiredService<AgentMetrics>(), sp.GetRequiredService<ILogger<LiveSettings>>()));
        services.AddSingleton(_ => new AgentMetrics(Metrics.NewCustomRegistry()));
        services.AddSingleton<IDirectorySync, LibcDirectorySync>();
        services.AddSingleton<IDirectoryWatcherFactory, FileSystemDirectoryWatcherFactory>();
        services.AddSingleton<CniDirectoryScanner>();
        services.AddSingleton<AtomicFileWriter>();
        services.AddSingleton<Reconciler>();
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<WatchSupervisor>();
        services.AddSingleton<DaemonStatus>();
        services.TryAddSingleton(StartupPass.None);
        services.AddSingleton<ReconcileWorker>();

        // HTTP first: it binds in StartAsync, so a taken port stops the start before anything is written.
        services.AddHostedService<HttpEndpointServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconcileWorker>());
        return services;
    }

    /// <summary>Registers the host-level singletons the daemon needs: file system and time.</summary>
    public static IServiceCollection AddAgentPlatform(this IServiceCollection services, IFileSystem fileSystem, TimeProvider time)
    {
        services.AddSingleton(fileSystem);
        services.AddSingleton(time);
        return services;
    }
}

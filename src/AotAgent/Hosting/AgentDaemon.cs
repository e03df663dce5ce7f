using System.IO.Abstractions;
using System.Net;
using AotAgent.Commands;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AotAgent.Hosting;

/// <summary>The <c>run</c> verb: a slim Generic Host with only what the daemon uses (no appsettings watchers).</summary>
public static class AgentDaemon
{
    /// <summary>SIGTERM must end the process within 2 s (kubelet grace is short on node agents).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMilliseconds(1500);

    public static async Task<int> RunAsync(CommandInput input, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var fileSystem = new FileSystem();
        SettingsLoader loader;
        AgentSettings settings;
        IConfigurationRoot configuration;
        try
        {
            loader = new SettingsLoader(fileSystem, environment, input.ToConfiguration());
            settings = loader.Load(out configuration);
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.BadConfiguration;
        }

        var startup = FirstPass(fileSystem, settings);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "aot-agent" });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection(ConfigurationKeys.LoggingSection));
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
        var formatter = configuration[$"{ConfigurationKeys.LoggingSection}:Console:FormatterName"];
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = string.IsNullOrEmpty(formatter) ? ConsoleFormatterNames.Simple : formatter);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddAgentPlatform(fileSystem, TimeProvider.System);
        builder.Services.AddSingleton(startup);
        builder.Services.AddAgent(loader, settings, configuration);

        using var host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (HttpListenerException ex)
        {
            await Console.Error.WriteLineAsync($"cannot serve HTTP on {settings.HttpAddress}:{settings.HttpPort}: {ex.Message} (set Http__Port)");
            return ExitCodes.Failure;
        }

        return ExitCodes.Done;
    }

    /// <summary>
    /// Writes the output before the Generic Host exists: building the host's container is most of the start-up time,
    /// and until the output exists the node's pods get whatever sorts first. The daemon then arms its watches and runs
    /// a full pass of its own, so anything that changes in between is still seen. Failures are left to that pass,
    /// which reports them.
    /// </summary>
    private static StartupPass FirstPass(IFileSystem fileSystem, AgentSettings settings)
    {
        var writer = new AtomicFileWriter(fileSystem, new LibcDirectorySync());
        try
        {
            var stale = writer.CleanStaleTempFiles(settings.CniDir);
            return new StartupPass(new Reconciler(fileSystem, new CniDirectoryScanner(fileSystem), writer, TimeProvider.System).Run(settings, previous: null, write: true), stale);
        }
        catch (IOException)
        {
            return StartupPass.None;
        }
        catch (UnauthorizedAccessException)
        {
            return StartupPass.None;
        }
    }
}

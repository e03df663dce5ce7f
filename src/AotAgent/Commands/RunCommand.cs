using System.Net.Sockets;
using AotAgent.Configuration;
using AotAgent.Hosting;
using AotAgent.Platform;
using AotAgent.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AotAgent.Commands;

/// <summary><c>run</c> (also a bare <c>aot-agent</c>): the daemon.</summary>
internal static class RunCommand
{
    public static async Task<int> ExecuteAsync(CommandContext context, CommandInput input, CancellationToken cancellationToken)
    {
        // The same reading (and the same one line per bad value, exit 2) as every verb; logging keys are checked with
        // the rest, so a bad log level never reaches the host as an exception.
        if (context.TryLoad(input, out var loader) is not { } loaded || loader is null)
        {
            return ExitCodes.BadConfiguration;
        }

        // Before anything opens a descriptor: a connection flood must not take the ones the reconcile loop needs.
        DescriptorLimit.RaiseToHard();

        var (settings, configuration) = (loaded.Settings, loaded.Configuration);

        var pipeline = context.CreatePipeline();
        var startup = FirstPass(pipeline, settings, context.Time);
        if (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM during the start-up pass: the pass completed (a write is atomic); stop there.
            return ExitCodes.Done;
        }

        using var host = AgentHost.Build(context.FileSystem, context.Probe, context.Time, loader, settings, configuration, pipeline, startup);
        using var hangup = context.Hangup.Attach(AgentHost.ReloadOnHangup(host));

        // Taken before RunAsync, which disposes the service provider when the host stops.
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGTERM while the host was starting.
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            // Kestrel binds in StartAsync: a port taken, or an address this node does not have.
            await context.Stderr.WriteLineAsync($"cannot serve HTTP on {settings.Http.Describe()}: {ex.Message} (set Http__Address, Http__Port or Http__ProbePort)");
            return ExitCodes.Failure;
        }

        // A background service that died stops the host (logged by the host); the process must not then look healthy.
        var failed = services.Any(s => s.ExecuteTask?.IsFaulted == true);
        return failed ? ExitCodes.Failure : ExitCodes.Done;
    }

    /// <summary>
    /// Writes the output before the Generic Host exists: building the host's container is most of the start-up time,
    /// and until the output exists the node's pods get whatever sorts first. The loop then arms its watches and runs a
    /// full pass of its own on the same pipeline, so anything that changes in between is still seen. Failures are left
    /// to that pass, which reports them.
    /// </summary>
    private static StartupPass FirstPass(Reconciler pipeline, AgentSettings settings, TimeProvider time)
    {
        try
        {
            var stale = pipeline.Output.CleanStaleTempFiles(settings.CniDir);
            var started = time.GetTimestamp();
            var pass = pipeline.Run(settings, write: true);
            return new StartupPass(pass, stale, time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return StartupPass.None;
        }
    }
}

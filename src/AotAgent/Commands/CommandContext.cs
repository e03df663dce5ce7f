using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Reconciliation;

namespace AotAgent.Commands;

/// <summary>What every verb runs on: the edges (file system, file probe, directory flush, clock), the environment and the console.</summary>
internal sealed record CommandContext(
    IFileSystem FileSystem,
    IFileProbe Probe,
    IDirectorySync DirectorySync,
    TimeProvider Time,
    IReadOnlyDictionary<string, string?> Environment,
    TextWriter Stdout,
    TextWriter Stderr)
{
    public SettingsLoader Loader(CommandInput input) => new(FileSystem, Probe, Environment, input.ToConfiguration());

    public Reconciler CreatePipeline() => Pipeline.Create(FileSystem, Probe, DirectorySync, Time);

    /// <summary>Loads the settings (exit 2 with one line on a bad one) and runs <paramref name="action"/>; an I/O error exits 1.</summary>
    public int WithSettings(CommandInput input, Func<AgentSettings, int> action)
    {
        AgentSettings settings;
        try
        {
            settings = Loader(input).Load();
        }
        catch (ConfigurationException ex)
        {
            Stderr.WriteLine(ex.Message);
            return ExitCodes.BadConfiguration;
        }

        try
        {
            return action(settings);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Stderr.WriteLine("error: " + ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // A bug, not an input: still one line and the documented code, never a stack trace on a node's console.
            Stderr.WriteLine($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}

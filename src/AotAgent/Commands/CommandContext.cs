using System.IO.Abstractions;
using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Reconciliation;

namespace AotAgent.Commands;

/// <summary>What every verb runs on: the edges (file system, directory flush, clock), the environment and the console.</summary>
internal sealed record CommandContext(
    IFileSystem FileSystem,
    IDirectorySync DirectorySync,
    TimeProvider Time,
    IReadOnlyDictionary<string, string?> Environment,
    TextWriter Stdout,
    TextWriter Stderr)
{
    public SettingsLoader Loader(CommandInput input) => new(FileSystem, Environment, input.ToConfiguration());

    public Reconciler CreatePipeline() => Pipeline.Create(FileSystem, DirectorySync, Time);

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
    }
}

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
    /// <summary>SIGHUP: the daemon attaches its configuration reload here (Program.cs owns the signal).</summary>
    public HangupReload Hangup { get; init; } = new();

    public SettingsLoader Loader(CommandInput input) => new(FileSystem, Probe, Environment, input.ToConfiguration());

    public Reconciler CreatePipeline() => Pipeline.Create(FileSystem, Probe, DirectorySync, Time);

    /// <summary>Loads the settings (exit 2 with one line per bad value) and runs <paramref name="action"/>; an I/O error exits 1.</summary>
    public int WithSettings(CommandInput input, Func<AgentSettings, int> action) => WithSettings(input, loaded => action(loaded.Settings));

    /// <summary>As above, with the whole reading (every key's value in force and its source).</summary>
    public int WithSettings(CommandInput input, Func<LoadedSettings, int> action)
    {
        if (TryLoad(input, out _) is not { } loaded)
        {
            return ExitCodes.BadConfiguration;
        }

        try
        {
            return action(loaded);
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

    /// <summary>
    /// The reading every verb starts from, or null after printing one line per bad value (the caller exits 2). A
    /// ConfigMap that changed under every reading attempt is said in one line too.
    /// </summary>
    public LoadedSettings? TryLoad(CommandInput input, out SettingsLoader? loader)
    {
        loader = null;
        try
        {
            loader = Loader(input);
            return loader.Read();
        }
        catch (ConfigurationException ex)
        {
            Stderr.WriteLine(ex.Message);
        }
        catch (ConfigMapChangingException ex)
        {
            Stderr.WriteLine("invalid configuration: ConfigDir: " + ex.Message + "; try again");
        }

        return null;
    }
}

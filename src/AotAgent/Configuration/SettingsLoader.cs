using System.Collections;
using System.IO.Abstractions;
using AotAgent.Platform;
using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>
/// Builds the layered configuration (defaults &lt; ConfigMap directory &lt; environment &lt; command line) and parses it
/// with <see cref="SettingsParser"/>. Used at start and on every ConfigMap change.
/// </summary>
internal sealed class SettingsLoader(IFileSystem fileSystem, IFileProbe probe, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?> commandLine)
{
    /// <summary>The process environment's <c>AOTAGENT_</c> variables as configuration paths.</summary>
    public static Dictionary<string, string?> ReadEnvironment(IDictionary variables)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && name.StartsWith(KeySpelling.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result[KeySpelling.ToPath(name[KeySpelling.EnvironmentPrefix.Length..])] = entry.Value as string;
            }
        }

        return result;
    }

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> naming every bad key.</summary>
    public AgentSettings Load() => Load(out _);

    public AgentSettings Load(out IConfigurationRoot configuration)
    {
        var configDir = Lookup("ConfigDir") is { Length: > 0 } dir ? dir.Trim() : AgentSettings.DefaultConfigDir;
        try
        {
            configuration = new ConfigurationBuilder()
                .Add(new ConfigMapDirectoryConfigurationSource(fileSystem, probe, configDir))
                .AddInMemoryCollection(environment)
                .AddInMemoryCollection(commandLine)
                .Build();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError("ConfigDir", configDir, "expected a readable directory (" + ex.Message + ")")]);
        }

        var settings = SettingsParser.Parse(configuration.AsEnumerable(), out var errors);
        return errors.Count > 0 ? throw new ConfigurationException(errors) : settings;
    }

    private string? Lookup(string path) =>
        commandLine.TryGetValue(path, out var c) && c is not null ? c
        : environment.TryGetValue(path, out var e) ? e
        : null;
}

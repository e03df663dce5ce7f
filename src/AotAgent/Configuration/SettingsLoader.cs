using System.Collections;
using System.IO.Abstractions;
using AotAgent.Platform;
using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>
/// Reads every layer (defaults &lt; ConfigMap directory &lt; environment &lt; command line), cleans every value by one
/// rule (<see cref="SettingLayers"/>) and parses the result with <see cref="SettingsParser"/>. Used at start and on
/// every ConfigMap change; the ConfigMap is read as one snapshot (<see cref="ConfigMapReader"/>).
/// </summary>
internal sealed class SettingsLoader(IFileSystem fileSystem, IFileProbe probe, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?> commandLine)
{
    private readonly ConfigMapReader _reader = new(fileSystem, probe);

    /// <summary>The last reading <see cref="Read"/> returned (the daemon's live settings start from it).</summary>
    public LoadedSettings? Last { get; private set; }

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
    public AgentSettings Load() => Read().Settings;

    public AgentSettings Load(out IConfigurationRoot configuration)
    {
        var loaded = Read();
        configuration = loaded.Configuration;
        return loaded.Settings;
    }

    /// <summary>
    /// One reading of every layer. Throws <see cref="ConfigurationException"/> for bad values, and
    /// <see cref="ConfigMapChangingException"/> when the ConfigMap was re-pointed during every attempt to read it.
    /// </summary>
    public LoadedSettings Read()
    {
        var configDir = SettingLayers.Clean(Lookup(commandLine) ?? Lookup(environment)) ?? AgentSettings.DefaultConfigDir;
        ConfigMapSnapshot configMap;
        try
        {
            configMap = _reader.Read(configDir);
        }
        catch (Exception ex) when (ex is (IOException and not ConfigMapChangingException) or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError("ConfigDir", configDir, "expected a readable directory (" + ex.Message + ")")]);
        }

        var errors = new List<ConfigError>();
        var set = SettingLayers.Merge(configMap.Values, environment, commandLine, errors);
        var merged = set.ToDictionary(p => p.Key, p => (string?)p.Value.Value, StringComparer.OrdinalIgnoreCase);
        var settings = SettingsParser.Parse(merged, out var parseErrors);
        errors.AddRange(parseErrors);
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        // .NET logging gets the same cleaned values (log levels and the formatter name spelled as it expects them).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(merged).Build();
        return Last = new LoadedSettings(settings, configuration, configMap, SettingLayers.Effective(set));
    }

    private static string? Lookup(IReadOnlyDictionary<string, string?> layer) =>
        layer.TryGetValue("ConfigDir", out var value) ? SettingLayers.Clean(value) : null;
}

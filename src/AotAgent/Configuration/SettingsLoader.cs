using System.Collections;
using System.IO.Abstractions;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>
/// Builds the layered configuration (defaults &lt; ConfigMap directory &lt; environment &lt; command line), binds it with
/// the source-generated binder and validates it. Used at start and on every ConfigMap change.
/// </summary>
public sealed partial class SettingsLoader
{
    private readonly IFileSystem _fileSystem;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly IReadOnlyDictionary<string, string?> _commandLine;

    public SettingsLoader(IFileSystem fileSystem, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, string?> commandLine)
    {
        _fileSystem = fileSystem;
        _environment = environment;
        _commandLine = commandLine;
    }

    /// <summary>The process environment's <c>AOTAGENT_</c> variables as configuration keys.</summary>
    public static Dictionary<string, string?> ReadEnvironment(IDictionary variables)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && name.StartsWith(ConfigurationKeys.EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result[name[ConfigurationKeys.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
            }
        }

        return result;
    }

    /// <summary>The merged configuration; the ConfigMap layer is read now.</summary>
    public IConfigurationRoot BuildConfiguration()
    {
        var configDir = Lookup("ConfigDir") ?? new AgentOptions().ConfigDir;
        return new ConfigurationBuilder()
            .Add(new ConfigMapDirectoryConfigurationSource(_fileSystem, configDir))
            .AddInMemoryCollection(_environment)
            .AddInMemoryCollection(_commandLine)
            .Build();
    }

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> naming every bad key.</summary>
    public AgentSettings Load() => Load(out _);

    public AgentSettings Load(out IConfigurationRoot configuration)
    {
        try
        {
            configuration = BuildConfiguration();
        }
        catch (IOException ex)
        {
            throw new ConfigurationException([new ConfigError("ConfigDir", Lookup("ConfigDir"), "expected a readable directory (" + ex.Message + ")")]);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationException([new ConfigError("ConfigDir", Lookup("ConfigDir"), "expected a readable directory (" + ex.Message + ")")]);
        }

        var errors = new List<ConfigError>();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && !ConfigurationKeys.IsKnown(key))
            {
                errors.Add(new ConfigError(ConfigurationKeys.Display(key), value, "unknown key (a typo?); the README lists every key"));
            }
        }

        var options = new AgentOptions();
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(FromBinder(ex, configuration));
            throw new ConfigurationException(errors);
        }

        var settings = SettingsFactory.Create(options, out var invalid);
        errors.AddRange(invalid);
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        return settings;
    }

    private string? Lookup(string key) =>
        _commandLine.TryGetValue(key, out var c) && c is not null ? c
        : _environment.TryGetValue(key, out var e) ? e
        : null;

    private static ConfigError FromBinder(InvalidOperationException ex, IConfiguration configuration)
    {
        // "Failed to convert configuration value at 'Http:Port' to type 'System.Int32'."
        var match = BinderMessage().Match(ex.Message);
        if (!match.Success)
        {
            return new ConfigError("configuration", null, ex.Message);
        }

        var path = match.Groups["path"].Value;
        var allowed = match.Groups["type"].Value switch
        {
            "System.Int32" => "expected an integer",
            "System.Boolean" => "expected true or false",
            "System.TimeSpan" => "expected a TimeSpan such as 00:00:05 (hh:mm:ss)",
            var t => "expected a value of type " + t,
        };
        return new ConfigError(ConfigurationKeys.Display(path), configuration[path], allowed);
    }

    [GeneratedRegex("at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex BinderMessage();
}

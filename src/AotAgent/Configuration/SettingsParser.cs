namespace AotAgent.Configuration;

/// <summary>
/// Turns merged configuration (every layer already applied) into <see cref="AgentSettings"/>. Every value is cleaned
/// the same way: surrounding whitespace is trimmed, and an empty value means the key is not set. Every bad or unknown
/// key becomes one <see cref="ConfigError"/>; nothing is applied unless all are good. Keys under <c>Logging__</c> are
/// checked by <see cref="SettingKeys.CheckLogging"/> and otherwise left to .NET logging.
/// </summary>
internal static class SettingsParser
{
    public static AgentSettings Parse(IEnumerable<KeyValuePair<string, string?>> configuration, out IReadOnlyList<ConfigError> errors)
    {
        var settings = new AgentSettings();
        var found = new List<ConfigError>();
        foreach (var (path, raw) in configuration.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // Section nodes (e.g. "Primary" above "Primary:Prefer") carry no value.
            if (SettingLayers.Clean(raw) is not { } value)
            {
                continue;
            }

            if (SettingKeys.IsLogging(path))
            {
                SettingKeys.CheckLogging(path, value, out var loggingError);
                if (loggingError is not null)
                {
                    found.Add(loggingError);
                }

                continue;
            }

            if (SettingKeys.Find(path) is not { } key)
            {
                var name = KeySpelling.ToName(path);
                var hint = KeySuggestions.For(name) is { } suggestion ? $"did you mean {suggestion}? " : string.Empty;
                found.Add(new ConfigError(name, value, $"unknown key; {hint}the README lists every key"));
                continue;
            }

            if (key.TryApply(ref settings, value) is { } error)
            {
                found.Add(error);
            }
        }

        if (settings.Http.ProbePort != 0 && settings.Http.ProbePort == settings.Http.Port)
        {
            found.Add(new ConfigError("Http__ProbePort", settings.Http.ProbePort.ToString(System.Globalization.CultureInfo.InvariantCulture), "the probe listener needs a port of its own; expected a port other than Http__Port, or 0"));
        }

        errors = found;
        return settings;
    }
}

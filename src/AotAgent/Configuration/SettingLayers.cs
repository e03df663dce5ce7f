using System.Text;

namespace AotAgent.Configuration;

/// <summary>
/// The layers (defaults &lt; ConfigMap &lt; environment &lt; command line) merged by one cleaning rule for every value
/// from every source: surrounding whitespace (spaces, tabs, the trailing newline ConfigMap files carry) is trimmed, an
/// empty value means the layer does not set the key (the layer below shows through), and a value over
/// <see cref="ConfigMapReader.MaxValueBytes"/> bytes is refused.
/// </summary>
internal static class SettingLayers
{
    /// <summary>The cleaned value, or null when it is unset.</summary>
    public static string? Clean(string? raw) => raw?.Trim() is { Length: > 0 } value ? value : null;

    /// <summary>Every key any layer sets, with the value in force, its source and what it shadows; adds an error per oversized value.</summary>
    public static Dictionary<string, SettingValue> Merge(
        IReadOnlyDictionary<string, string> configMap,
        IReadOnlyDictionary<string, string?> environment,
        IReadOnlyDictionary<string, string?> commandLine,
        List<ConfigError> errors)
    {
        var set = new Dictionary<string, List<ShadowedValue>>(StringComparer.OrdinalIgnoreCase);
        var layers = new (SettingSource Source, IEnumerable<KeyValuePair<string, string?>> Values)[]
        {
            (SettingSource.ConfigMap, configMap.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))),
            (SettingSource.Environment, environment),
            (SettingSource.CommandLine, commandLine),
        };
        foreach (var (source, values) in layers)
        {
            foreach (var (path, raw) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (Clean(raw) is not { } value)
                {
                    continue;
                }

                var name = SettingKeys.Find(path)?.Name ?? KeySpelling.ToName(path);
                if (Encoding.UTF8.GetByteCount(value) > ConfigMapReader.MaxValueBytes)
                {
                    errors.Add(new ConfigError(name, $"({Encoding.UTF8.GetByteCount(value)} bytes from the {source.Name()})", $"expected a value of at most {ConfigMapReader.MaxValueBytes} bytes"));
                    continue;
                }

                // Log levels and the formatter name as .NET logging spells them (a bad one is left for the parser to refuse).
                if (SettingKeys.IsLogging(path) && SettingKeys.CheckLogging(path, value, out _) is { } spelled)
                {
                    value = spelled;
                }

                if (!set.TryGetValue(path, out var stack))
                {
                    set[path] = stack = [];
                }

                stack.Add(new ShadowedValue(source, value));
            }
        }

        return set.ToDictionary(
            p => p.Key,
            p => new SettingValue(SettingKeys.Find(p.Key)?.Name ?? KeySpelling.ToName(p.Key), p.Value[^1].Value, p.Value[^1].Source, p.Value.SkipLast(1).Reverse().ToList()),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every catalog key (set or at its default), then every other key a layer sets, in catalog order.</summary>
    public static IReadOnlyList<SettingValue> Effective(IReadOnlyDictionary<string, SettingValue> set)
    {
        var result = new List<SettingValue>();
        foreach (var (name, path, defaultValue) in SettingKeys.All.Select(k => (k.Name, k.Path, k.Default)).Concat(SettingKeys.LoggingDefaults))
        {
            result.Add(set.TryGetValue(path, out var value) ? value : new SettingValue(name, defaultValue, SettingSource.Default, []));
        }

        var listed = result.Select(v => KeySpelling.ToPath(v.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        result.AddRange(set.Where(p => !listed.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));
        return result;
    }
}

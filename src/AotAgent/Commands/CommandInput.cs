using AotAgent.Configuration;

namespace AotAgent.Commands;

/// <summary>The command-line layer of the configuration: the top of the precedence order.</summary>
internal sealed record CommandInput(string? CniDir, string? ConfigDir, IReadOnlyList<string> Sets)
{
    public Dictionary<string, string?> ToConfiguration()
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Sets)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ConfigurationException([new ConfigError("--set", item, "expected KEY=VALUE, e.g. --set Multus__Mode=thin")]);
            }

            result[KeySpelling.ToPath(item[..eq])] = item[(eq + 1)..];
        }

        if (CniDir is not null)
        {
            result["CniDir"] = CniDir;
        }

        if (ConfigDir is not null)
        {
            result["ConfigDir"] = ConfigDir;
        }

        return result;
    }
}

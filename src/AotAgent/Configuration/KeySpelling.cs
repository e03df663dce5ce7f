using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>
/// The one place that translates between the operator's spelling (<c>Primary__Prefer</c>: environment variables,
/// ConfigMap file names, <c>--set</c>) and the configuration path (<c>Primary:Prefer</c>).
/// </summary>
internal static class KeySpelling
{
    public const string EnvironmentPrefix = "AOTAGENT_";

    private const string Separator = "__";

    public static string ToPath(string name) => name.Trim().Replace(Separator, ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    public static string ToName(string path) => path.Replace(ConfigurationPath.KeyDelimiter, Separator, StringComparison.Ordinal);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using AotAgent.Configuration;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// Two judges of a configuration value: the chart (helm template with the value in <c>config</c>: its schema, then its
/// templates) and the agent (the parser every verb and the ConfigMap reload use).
/// </summary>
internal static partial class ChartJudge
{
    /// <summary>Whether the agent takes <paramref name="value"/> for <paramref name="key"/> (ConfigMap spelling).</summary>
    public static bool AgentTakes(string key, string value)
    {
        SettingsParser.Parse([new(KeySpelling.ToPath(key), value)], out var errors);
        return errors.Count == 0;
    }

    /// <summary>Renders the chart with <paramref name="config"/>; returns the result and its values file's text.</summary>
    public static ProcessResult Render(IReadOnlyDictionary<string, string?> config, params string[] extraArguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"aot-agent-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, object> { ["config"] = config }));
        try
        {
            return Helm.TryTemplate(Helm.DefaultRelease, Helm.DefaultNamespace, ["-f", file, .. extraArguments]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// The keys whose values the schema refused, from one render. The schema reports every bad value at once, so one
    /// render judges one value for each of many keys (templates do not run then, so keys they check are judged alone).
    /// </summary>
    public static HashSet<string> RefusedBySchema(ProcessResult result) =>
        [.. SchemaError().Matches(result.StdErr).Select(m => m.Groups["key"].Value)];

    /// <summary>Whether the chart takes one value of one key: its schema and its templates.</summary>
    public static bool ChartTakes(string key, string value) => Render(new Dictionary<string, string?> { [key] = value }).Succeeded;

    [GeneratedRegex(@"at '/config/(?<key>[^']+)'")]
    private static partial Regex SchemaError();
}

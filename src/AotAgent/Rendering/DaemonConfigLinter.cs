using System.Text.Json;
using System.Text.Json.Nodes;

namespace AotAgent.Rendering;

/// <summary>
/// Checks a mounted Multus thick daemon-config.json against the agent's template. The daemon overlays every top-level
/// key of that file on each request and, in "auto" mode, generates, overwrites and deletes 00-multus.conf itself.
/// </summary>
internal static class DaemonConfigLinter
{
    public static IReadOnlyList<string> Lint(byte[] content, MultusTemplate template, string outputFileName)
    {
        JsonObject config;
        try
        {
            if (JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) is not JsonObject obj)
            {
                return ["Multus__DaemonConfig is not a JSON object"];
            }

            config = obj;

            // Materialise the properties inside the try: a duplicate key surfaces here, not as a crash below.
            _ = config.Count;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return ["Multus__DaemonConfig is not valid JSON: " + ex.Message];
        }

        var findings = new List<string>();
        if (template.Mode != MultusMode.Thick)
        {
            findings.Add("Multus__DaemonConfig is a thick-mode file but Multus__Mode is thin");
        }

        var configFile = Text(config, "multusConfigFile") ?? "auto";
        if (configFile == "auto")
        {
            findings.Add("multusConfigFile is \"auto\" (the default): the Multus daemon will pick its own primary, overwrite the agent's output and delete it on exit");
        }
        else if (configFile.EndsWith("/" + outputFileName, StringComparison.Ordinal))
        {
            findings.Add($"multusConfigFile names {outputFileName}: the daemon copies it over itself with truncate-then-write at start");
        }

        if (config.ContainsKey("clusterNetwork"))
        {
            findings.Add("clusterNetwork is set in daemon-config.json: it overrides the agent's choice on every pod");
        }

        if (Text(config, "cniVersion") is { } version && template.EffectiveCniVersion is { } ours && version != ours)
        {
            findings.Add($"cniVersion {version} differs from Multus__CniVersion {ours}; the daemon's value wins at request time");
        }

        if (Text(config, "cniConfigDir") is { } dir && dir.TrimEnd('/') != template.ClusterNetworkDir)
        {
            findings.Add($"cniConfigDir {dir} differs from Multus__ClusterNetworkDir {template.ClusterNetworkDir}: clusterNetwork paths are opened inside the daemon container");
        }

        return findings;
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

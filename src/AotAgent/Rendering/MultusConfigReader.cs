using System.Text.Json;
using System.Text.Json.Nodes;

namespace AotAgent.Rendering;

/// <summary>
/// Reads a Multus config back: is a file one (only such a file may be removed as the agent's output), and which primary
/// does the agent's own output delegate to (thick: <c>clusterNetwork</c>; thin: the file it records beside the copy).
/// </summary>
internal static class MultusConfigReader
{
    /// <summary>The key the thin output records its primary's file name under.</summary>
    public const string PrimaryFileKey = "aotAgentPrimaryFile";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>True when the file's (first) plugin type is <c>multus</c> or <c>multus-shim</c>. Never throws.</summary>
    public static bool IsMultusConfig(ReadOnlySpan<byte> content) => MultusObject(content) is not null;

    /// <summary>
    /// The primary an output written with <paramref name="template"/> delegates to: the file name (directly in CniDir),
    /// and for thin the embedded copy of its config. Null when the bytes are not such an output.
    /// </summary>
    public static (string File, JsonObject? Delegate)? PrimaryInForce(ReadOnlySpan<byte> content, MultusTemplate template)
    {
        if (MultusObject(content) is not { } multus)
        {
            return null;
        }

        string? file;
        if (String(multus, "type") == "multus-shim")
        {
            var prefix = template.ClusterNetworkDir.TrimEnd('/') + "/";
            var path = String(multus, "clusterNetwork");
            file = path is not null && path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : null;
        }
        else
        {
            file = String(multus, PrimaryFileKey);
        }

        if (file is not { Length: > 0 } || file.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return (file, multus["delegates"] is JsonArray { Count: > 0 } delegates && delegates[0] is JsonObject first ? first : null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return (file, null);
        }
    }

    private static JsonObject? MultusObject(ReadOnlySpan<byte> content)
    {
        try
        {
            if (JsonNode.Parse(content, documentOptions: Options) is not JsonObject root)
            {
                return null;
            }

            _ = root.Count;
            if (String(root, "type") is "multus" or "multus-shim")
            {
                return root;
            }

            return root["plugins"] is JsonArray { Count: > 0 } plugins && plugins[0] is JsonObject first && String(first, "type") is "multus" or "multus-shim"
                ? first
                : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, invalid UTF-8 inside a string, or duplicate property names.
            return null;
        }
    }

    private static string? String(JsonObject obj, string key)
    {
        try
        {
            return obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}

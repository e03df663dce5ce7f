using System.Text.Json;
using System.Text.Json.Nodes;

namespace AotAgent.Rendering;

/// <summary>Reads a Multus config back: is a file one (only such a file may be removed as the agent's output)?</summary>
internal static class MultusConfigReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>True when the file's (first) plugin type is <c>multus</c> or <c>multus-shim</c>. Never throws.</summary>
    public static bool IsMultusConfig(ReadOnlySpan<byte> content)
    {
        try
        {
            if (JsonNode.Parse(content, documentOptions: Options) is not JsonObject root)
            {
                return false;
            }

            var type = String(root, "type") ?? (root["plugins"] is JsonArray { Count: > 0 } plugins && plugins[0] is JsonObject first ? String(first, "type") : null);
            return type is "multus" or "multus-shim";
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, invalid UTF-8 inside a string, or duplicate property names.
            return false;
        }
    }

    private static string? String(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

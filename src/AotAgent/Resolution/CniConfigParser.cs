using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace AotAgent.Resolution;

/// <summary>
/// Validates a CNI config as libcni v1.3.0 loads it (containerd, CRI-O, Multus): <c>.conflist</c> as a list, anything
/// else as a single plugin. Every file libcni refuses is refused here, with its reason in words; a few rules are
/// deliberately stricter (a version-shaped cniVersion, a name, a Multus-valid network name, at most 1 MiB and 64 levels,
/// valid UTF-8). Keys are read as Go reads them (README: "What counts as valid"). Pure, and never throws on content.
/// </summary>
internal static partial class CniConfigParser
{
    public const int MaxDepth = 64;

    /// <summary>Ends a reason that is the agent's own rule (or Multus thin's), for a file libcni itself loads.</summary>
    public const string AgentRule = " (the agent's rule; libcni itself loads this)";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>Whether libcni (containerd, CRI-O) loads a file the agent refused for <paramref name="reason"/>.</summary>
    public static bool LibcniLoads(string reason) => reason.EndsWith(AgentRule, StringComparison.Ordinal);

    public static CniNetwork? Parse(string fileName, ReadOnlySpan<byte> content, out string? problem) =>
        Parse(fileName, content, ParseContext.Default, out problem);

    public static CniNetwork? Parse(string fileName, ReadOnlySpan<byte> content, ParseContext context, out string? problem)
    {
        problem = BytesProblem(content);
        if (problem is not null)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray(), Options);
        }
        catch (JsonException ex)
        {
            // Go allows 10,000 levels; the agent 64.
            problem = "not valid JSON: " + Shorten(ex.Message) + (ex.Message.Contains("maximum configured depth", StringComparison.Ordinal) ? AgentRule : string.Empty);
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (GoJson.FirstUnrepresentableNumber(root, "$") is { } path)
            {
                problem = $"the number at {path} does not fit a 64-bit float, which Go's JSON decoder (libcni) refuses";
                return null;
            }

            return fileName.EndsWith(".conflist", StringComparison.Ordinal)
                ? ParseList(root, context, out problem)
                : ParseSingle(root, out problem);
        }
    }

    private static string? BytesProblem(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return "starts with a UTF-8 byte order mark, which Go's JSON decoder (containerd, Multus) refuses";
        }

        if (content.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty)
        {
            return "empty";
        }

        // libcni would read invalid bytes as U+FFFD; the agent refuses them (stricter) so nothing it writes changes them.
        return Utf8.IsValid(content) ? null : "not valid UTF-8" + AgentRule;
    }

    /// <summary>A <c>.conf</c>/<c>.json</c>: one plugin, decoded as a Go struct in file order, then as libcni's list conversion re-marshals it.</summary>
    private static CniNetwork? ParseSingle(JsonElement root, out string? problem)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = root.ValueKind == JsonValueKind.Null ? "no \"type\" string" : "not a JSON object";
            return null;
        }

        var members = GoJson.FileOrder(root);
        problem = PluginConfRules.Check(members, string.Empty, out _);
        if (problem is null)
        {
            // containerd and CRI-O then wrap it into a list, which re-marshals it with sorted keys and checks it again.
            problem = PluginConfRules.Check(GoJson.SortedOrder(root), string.Empty, out _);
        }

        if (problem is not null)
        {
            problem = problem == "no \"type\" string" && GoJson.Exact(root, "plugins") is { ValueKind: JsonValueKind.Array }
                ? "a plugin list in a .conf/.json file; the runtime loads these as single plugins (name it .conflist)"
                : problem;
            return null;
        }

        PluginConfRules.Check(GoJson.SortedOrder(root), string.Empty, out var type);
        var name = GoJson.String(GoJson.Field(members, "name"));
        var cniVersion = GoJson.String(GoJson.Field(members, "cniVersion"));
        if ((RequiredText(name, "name") ?? Version(cniVersion)) is { } missing)
        {
            problem = missing + AgentRule;
            return null;
        }

        var warnings = new List<string>();
        var json = Node(root, warnings);
        warnings.AddRange(CaseVariants(members));
        return new CniNetwork(name!, cniVersion!, type, [type], [.. PluginConfRules.TrueCapabilities(GoJson.SortedOrder(root)).Order(StringComparer.Ordinal)], false, json)
        {
            RuntimeCniVersion = cniVersion,
            IsMultus = IsMultusType(type),
            Warnings = warnings,
        };
    }

    private static string? RequiredText(string? value, string key) =>
        string.IsNullOrEmpty(value) ? $"no \"{key}\" string" : null;

    /// <summary>Stricter than libcni (which loads "abc" or nothing): Multus and CRI-O need a real version.</summary>
    private static string? Version(string? cniVersion) =>
        string.IsNullOrEmpty(cniVersion) ? "no \"cniVersion\" string"
        : CniVersion.TryParse(cniVersion, out _) ? null
        : $"cniVersion \"{Shorten(cniVersion)}\" is not a version";

    private static JsonObject Node(JsonElement root, List<string> warnings)
    {
        var duplicates = new List<string>();
        var json = (JsonObject)GoJson.ToNode(root, string.Empty, duplicates)!;
        foreach (var key in duplicates.Distinct(StringComparer.Ordinal))
        {
            warnings.Add($"duplicate key \"{key}\": Go's decoder (containerd, Multus) keeps the last value, and so does the agent");
        }

        return json;
    }

    /// <summary>Two spellings of one struct field ("type" and "Type"): Go reads both, the last wins.</summary>
    private static IEnumerable<string> CaseVariants(IReadOnlyList<JsonProperty> members) =>
        members.GroupBy(m => m.Name.ToLowerInvariant())
            .Where(g => g.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"keys {string.Join(" and ", g.Select(m => $"\"{m.Name}\"").Distinct(StringComparer.Ordinal))} are one field to Go's decoder: the last one counts");

    private static bool IsMultusType(string? type) => type is "multus" or "multus-shim";

    /// <summary>One line, bounded: reasons end up in logs, status and terminal tables.</summary>
    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}

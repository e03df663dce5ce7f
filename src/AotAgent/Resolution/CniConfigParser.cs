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

    /// <summary>Go's limit, not the agent's: deeper files libcni loads are refused after libcni's own checks.</summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = GoJson.MaxNesting };

    /// <summary>Whether libcni (containerd, CRI-O) loads a file the agent refused for <paramref name="reason"/>.</summary>
    public static bool LibcniLoads(string reason) => reason.EndsWith(AgentRule, StringComparison.Ordinal);

    public static CniNetwork? Parse(string fileName, ReadOnlySpan<byte> content, out string? problem) =>
        Parse(fileName, content, ParseContext.Default, out problem);

    public static CniNetwork? Parse(string fileName, ReadOnlySpan<byte> content, ParseContext context, out string? problem)
    {
        using var document = Load(content, mapDecode: true, out problem, out var agentProblem);
        if (document is null)
        {
            return null;
        }

        return fileName.EndsWith(".conflist", StringComparison.Ordinal)
            ? ParseList(document.RootElement, context, agentProblem, out problem)
            : ParseSingle(document.RootElement, context, agentProblem, out problem);
    }

    /// <summary>
    /// The bytes decoded as Go decodes them, or null and libcni's reason to refuse them. <paramref name="agentProblem"/>
    /// is the agent's own objection (invalid UTF-8, deep nesting), applied only once libcni's checks all pass, so that
    /// a reason ending in <see cref="AgentRule"/> always means libcni loads the file. <paramref name="mapDecode"/>: the
    /// bytes also go through <c>map[string]interface{}</c>, where every number must fit a float64.
    /// </summary>
    private static JsonDocument? Load(ReadOnlySpan<byte> content, bool mapDecode, out string? problem, out string? agentProblem)
    {
        agentProblem = null;
        problem = BytesProblem(content);
        if (problem is not null)
        {
            return null;
        }

        // libcni reads invalid bytes as U+FFFD; the agent refuses them (stricter) so nothing it writes changes them.
        agentProblem = Utf8.IsValid(content) ? null : "not valid UTF-8";
        var bytes = GoJson.GoText(content);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, Options);
        }
        catch (JsonException ex)
        {
            problem = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"nested deeper than {GoJson.MaxNesting} levels, which Go's JSON decoder (libcni) refuses"
                : "not valid JSON: " + Shorten(ex.Message);
            return null;
        }

        var (depth, huge) = GoJson.Shape(bytes);
        if (mapDecode && huge is not null)
        {
            document.Dispose();
            problem = $"the number at {huge} does not fit a 64-bit float, which Go's JSON decoder (libcni) refuses";
            return null;
        }

        agentProblem ??= depth > MaxDepth ? $"nested {depth} levels deep; the agent allows {MaxDepth}" : null;
        return document;
    }

    private static string? BytesProblem(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return "starts with a UTF-8 byte order mark, which Go's JSON decoder (containerd, Multus) refuses";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "starts with a UTF-16 byte order mark (a UTF-16 file), which Go's JSON decoder (containerd, Multus) refuses";
        }

        return content.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']).IsEmpty ? "empty" : null;
    }

    private static string? Agent(string? problem) => problem is null ? null : problem + AgentRule;

    private static string? RequiredText(string? value, string key) =>
        string.IsNullOrEmpty(value) ? $"no \"{key}\" string" : null;

    /// <summary>Stricter than libcni (which loads "abc" or nothing): Multus and CRI-O need a real version.</summary>
    private static string? Version(string? cniVersion) =>
        string.IsNullOrEmpty(cniVersion) ? "no \"cniVersion\" string"
        : CniVersion.TryParse(cniVersion, out _) ? null
        : $"cniVersion \"{Shorten(cniVersion)}\" is not a version";

    /// <summary>The file's JSON tree when <paramref name="tree"/> (the primary's is rendered), with a warning per duplicate key.</summary>
    private static JsonObject? Node(JsonElement root, List<string> warnings, bool tree)
    {
        var duplicates = new List<string>();
        JsonObject? json = null;
        if (tree)
        {
            json = (JsonObject)GoJson.ToNode(root, string.Empty, duplicates)!;
        }
        else
        {
            GoJson.Duplicates(root, string.Empty, duplicates);
        }

        foreach (var key in duplicates.Distinct(StringComparer.Ordinal))
        {
            warnings.Add($"duplicate key \"{key}\": Go's decoder (containerd, Multus) keeps the last value, and so does the agent");
        }

        return json;
    }

    /// <summary>
    /// Two spellings of one struct field ("type" and "Type"): Go reads both and the last one met counts, which for libcni
    /// (it re-marshals with sorted keys) is the greatest key, and for a struct decode of the file (Multus) the last in it.
    /// </summary>
    private static IEnumerable<string> CaseVariants(IReadOnlyList<JsonProperty> members, string where = "") =>
        members.GroupBy(m => GoJson.FoldKey(m.Name))
            .Where(g => g.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() > 1)
            .Select(g => $"{where}keys {string.Join(" and ", g.Select(m => $"\"{m.Name}\"").Distinct(StringComparer.Ordinal))} are one field to Go's decoder: libcni reads \"{g.Select(m => m.Name).Max(Utf8Order.Instance)}\" (sorted order), a decode in file order (Multus) \"{g.Last().Name}\"");

    private static bool IsMultusType(string? type) => type is "multus" or "multus-shim";

    /// <summary>One line, bounded: reasons end up in logs, status and terminal tables.</summary>
    private static string Shorten(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}

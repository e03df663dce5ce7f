using System.Text.Json;

namespace AotAgent.Resolution;

/// <summary>A <c>.conf</c>/<c>.json</c>: one plugin, as containerd and CRI-O load it (<c>ConfFromFile</c>, then <c>ConfListFromConf</c>).</summary>
internal static partial class CniConfigParser
{
    /// <summary>Decoded as a Go struct in file order, then as libcni's list conversion re-marshals it (sorted keys).</summary>
    private static CniNetwork? ParseSingle(JsonElement root, ParseContext context, string? agentProblem, out string? problem)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = root.ValueKind == JsonValueKind.Null ? "no \"type\" string" : "not a JSON object";
            return null;
        }

        var members = GoJson.FileOrder(root);
        var sorted = GoJson.SortedOrder(root);
        problem = PluginConfRules.Check(members, string.Empty, out _);
        if (problem is null && PluginConfRules.Check(sorted, string.Empty, out _) is { } converted)
        {
            // {"type":"","Type":"x"} passes in file order; the list conversion reads "type" last and refuses it.
            problem = converted + " (as the runtime's list conversion re-reads it with sorted keys)";
        }

        if (problem is not null)
        {
            problem = problem == "no \"type\" string" && GoJson.Exact(root, "plugins") is { ValueKind: JsonValueKind.Array }
                ? "a plugin list in a .conf/.json file; the runtime loads these as single plugins (name it .conflist)"
                : problem;
            return null;
        }

        // libcni loads the file from here on: what remains are the agent's own rules.
        PluginConfRules.Check(sorted, string.Empty, out var type);
        var name = GoJson.String(GoJson.Field(members, "name"));
        var cniVersion = GoJson.String(GoJson.Field(members, "cniVersion"));
        problem = Agent(agentProblem ?? RequiredText(name, "name") ?? Version(cniVersion));
        if (problem is not null)
        {
            return null;
        }

        var warnings = new List<string>();
        var json = Node(root, warnings, context.Tree);
        warnings.AddRange(CaseVariants(members));
        return new CniNetwork(name!, cniVersion!, type, [type], [.. PluginConfRules.TrueCapabilities(sorted).Order(StringComparer.Ordinal)], false, json)
        {
            RuntimeCniVersion = cniVersion,
            IsMultus = IsMultusType(type),
            Warnings = warnings,
        };
    }
}

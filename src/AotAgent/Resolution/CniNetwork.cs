using System.Text.Json.Nodes;

namespace AotAgent.Resolution;

/// <summary>A validated CNI network config: what the resolver decides on and the renderer embeds.</summary>
internal sealed record CniNetwork(
    string Name,
    string CniVersion,
    string MainType,
    IReadOnlyList<string> PluginTypes,
    IReadOnlyList<string> Capabilities,
    bool IsList,
    JsonObject Json);

using System.Text.Json.Nodes;
using AotAgent.Resolution;

namespace AotAgent.Configuration;

/// <summary>Validated, parsed settings: the only form of configuration the pipeline sees.</summary>
public sealed record AgentSettings
{
    public required string CniDir { get; init; }

    public required string ConfigDir { get; init; }

    public required IReadOnlyList<Selector> Prefer { get; init; }

    public required IReadOnlyList<Selector> Exclude { get; init; }

    public string? ReadyFile { get; init; }

    public required TimeSpan InvalidGrace { get; init; }

    public required MultusMode Mode { get; init; }

    public required string ConfName { get; init; }

    public required string NetworkName { get; init; }

    /// <summary>Null in thin mode means "the primary's".</summary>
    public string? CniVersion { get; init; }

    public required string Kubeconfig { get; init; }

    public required string ClusterNetworkDir { get; init; }

    /// <summary>Optional top-level Multus keys, in output order, already typed.</summary>
    public required IReadOnlyList<KeyValuePair<string, JsonNode>> OptionalKeys { get; init; }

    public JsonObject? ExtraJson { get; init; }

    public string? DaemonConfig { get; init; }

    public required UnixFileMode FileMode { get; init; }

    public required int ConflictBudget { get; init; }

    public required bool DryRun { get; init; }

    public required bool CleanupOnExit { get; init; }

    public required TimeSpan Resync { get; init; }

    public required TimeSpan PollInterval { get; init; }

    public required string HttpAddress { get; init; }

    public required int HttpPort { get; init; }

    public string ConfFileName => ConfName + ".conf";

    public string ConflistFileName => ConfName + ".conflist";

    /// <summary>True for the agent's own output names: they never become the primary.</summary>
    public bool IsOwnOutput(string fileName) =>
        string.Equals(fileName, ConfFileName, StringComparison.Ordinal) ||
        string.Equals(fileName, ConflistFileName, StringComparison.Ordinal);
}

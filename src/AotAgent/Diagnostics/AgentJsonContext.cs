using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AotAgent.Diagnostics;

/// <summary>All JSON the agent serializes goes through this generated context (no reflection under Native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ExplainReport))]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class AgentJsonContext : JsonSerializerContext
{
    /// <summary>The same contract without HTML escaping (<c>'</c> stays <c>'</c>): read by people and jq, not browsers.</summary>
    public static AgentJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

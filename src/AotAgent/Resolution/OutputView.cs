namespace AotAgent.Resolution;

/// <summary>The agent's output as the runtime will find it after a pass: its name, whether it loads, its network name, and the other name removed.</summary>
internal sealed record OutputView(string? File, bool Loads, string NetworkName, string? Removed);

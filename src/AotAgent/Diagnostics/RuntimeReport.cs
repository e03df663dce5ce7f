namespace AotAgent.Diagnostics;

/// <summary>What the runtime would load: its kind, the state (<c>loads_output</c>, <c>shadowed</c>, …), the file, and why.</summary>
internal sealed record RuntimeReport(string Kind, string State, string? File, string Reason);

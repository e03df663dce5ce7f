namespace AotAgent.Reconciliation;

/// <summary>CRI-O's <c>cni_default_network</c> (null or empty: not pinned), or why it could not be read.</summary>
internal sealed record CrioPin(string? Network, string? Problem);

namespace AotAgent.Output;

/// <summary>What became of one output name on uninstall or exit: removed, or kept and why.</summary>
internal sealed record OutputRemoval(string Path, bool Removed, string? KeptBecause);

namespace AotAgent.Resolution;

/// <summary>
/// One directory entry as read from disk: its bytes, or why they were not read. What the scan hands on and remembers
/// is compact (<see cref="Content"/> dropped once parsed); its identity is kept once, in its <see cref="ScanSlot"/>.
/// </summary>
internal sealed record ScannedFile(string Name, byte[]? Content, ScanProblem? Problem, bool IsDirectory = false)
{
    /// <summary>The parsed content of a CNI name the scan read (or kept from an earlier pass); null otherwise.</summary>
    public ParseOutcome? Parsed { get; init; }

    public static bool HasCniExtension(string name) =>
        name.EndsWith(".conf", StringComparison.Ordinal) ||
        name.EndsWith(".conflist", StringComparison.Ordinal) ||
        name.EndsWith(".json", StringComparison.Ordinal);
}

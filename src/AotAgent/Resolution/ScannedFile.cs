using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// One directory entry as read from disk: its bytes, or why they were not read. <see cref="Status"/> is the file as
/// opened (for a read one) or as listed; null for names the scan had no reason to look at.
/// </summary>
internal sealed record ScannedFile(string Name, byte[]? Content, ScanProblem? Problem, bool IsDirectory = false, FileStatus? Status = null)
{
    /// <summary>The parsed content of a CNI name the scan read (or kept from an earlier pass); null otherwise.</summary>
    public ParseOutcome? Parsed { get; init; }

    public static bool HasCniExtension(string name) =>
        name.EndsWith(".conf", StringComparison.Ordinal) ||
        name.EndsWith(".conflist", StringComparison.Ordinal) ||
        name.EndsWith(".json", StringComparison.Ordinal);
}

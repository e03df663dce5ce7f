namespace AotAgent.Resolution;

/// <summary>One directory entry as read from disk: its bytes, or why they were not read.</summary>
internal sealed record ScannedFile(string Name, byte[]? Content, ScanProblem? Problem, bool IsDirectory = false)
{
    public static bool HasCniExtension(string name) =>
        name.EndsWith(".conf", StringComparison.Ordinal) ||
        name.EndsWith(".conflist", StringComparison.Ordinal) ||
        name.EndsWith(".json", StringComparison.Ordinal);
}

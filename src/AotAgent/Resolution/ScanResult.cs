namespace AotAgent.Resolution;

/// <summary>The directory as the scanner found it, in ordinal name order.</summary>
public sealed record ScanResult(bool DirectoryExists, IReadOnlyList<ScannedFile> Files, bool ReadyFilePresent)
{
    public static ScanResult Missing { get; } = new(false, [], false);
}

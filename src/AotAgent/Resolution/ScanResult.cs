namespace AotAgent.Resolution;

/// <summary>The directory as the scanner found it, in ordinal name order.</summary>
internal sealed record ScanResult(bool DirectoryExists, IReadOnlyList<ScannedFile> Files, bool ReadyFilePresent)
{
    public static ScanResult Missing { get; } = new(false, [], false);

    /// <summary>True when the directory has a non-directory entry with this name.</summary>
    public bool Lists(string name) => Files.Any(f => !f.IsDirectory && f.Name == name);
}

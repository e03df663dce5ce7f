namespace AotAgent.Resolution;

/// <summary>
/// The directory as the scanner found it, in UTF-8 byte order. <see cref="TooLarge"/> means it holds more entries than
/// the scanner looks at: then <see cref="Files"/> is empty, because choosing from a partial listing could pick a file the
/// runtime would never load first.
/// </summary>
internal sealed record ScanResult(bool DirectoryExists, IReadOnlyList<ScannedFile> Files, bool ReadyFilePresent, bool TooLarge = false)
{
    /// <summary>Reads <c>&lt;CniDir&gt;/&lt;name&gt;/</c> on demand (libcni's plugin directory); none unless the scanner sets it.</summary>
    public Func<string, PluginDirectory> PluginDirectories { get; init; } = _ => PluginDirectory.None;

    public static ScanResult Missing { get; } = new(false, [], false);

    /// <summary>Answers <see cref="Lists"/> from the scanner's own index (set by the scanner; tests build results without one).</summary>
    public Func<string, bool>? Index { get; init; }

    /// <summary>True when the directory has a non-directory entry with this name.</summary>
    public bool Lists(string name) => Index?.Invoke(name) ?? NonDirectories.Contains(name);

    private HashSet<string> NonDirectories => field ??= Files.Where(f => !f.IsDirectory).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
}

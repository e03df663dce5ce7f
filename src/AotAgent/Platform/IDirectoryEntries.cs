namespace AotAgent.Platform;

/// <summary>
/// One directory held open for a pass: its entries are looked at by name relative to it (one path component for the
/// kernel to resolve, not the whole path), and always in the directory that was opened, even if its path is re-pointed.
/// </summary>
internal interface IDirectoryEntries : IDisposable
{
    /// <summary>statx of the entry <paramref name="name"/> itself (links not followed); null if it does not exist.</summary>
    public FileStatus? Stat(string name);
}

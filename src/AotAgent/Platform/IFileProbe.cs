namespace AotAgent.Platform;

/// <summary>
/// The two file operations .NET cannot do safely, so they go around <c>IFileSystem</c> (like the directory flush):
/// reading a file without ever blocking on a FIFO or device and without trusting its name (the type is checked on
/// the opened descriptor, the read is bounded), and a stat that reports identity (device, inode) and ctime.
/// <see cref="LibcFileProbe"/> in production; tests on MockFileSystem use a fake over <c>IFileSystem</c>.
/// </summary>
internal interface IFileProbe
{
    /// <summary>statx of <paramref name="path"/> (of the link itself unless <paramref name="followLinks"/>); null if it does not exist.</summary>
    public FileStatus? Stat(string path, bool followLinks);

    /// <summary>Opens <paramref name="directory"/> to look at many of its entries by name (see <see cref="IDirectoryEntries"/>).</summary>
    public IDirectoryEntries Entries(string directory);

    /// <summary>
    /// Reads <paramref name="path"/> (following links) when it is a regular file of at most <paramref name="maxBytes"/>;
    /// anything else (a FIFO, a socket, a device, a directory, too large, unreadable) comes back as a problem.
    /// </summary>
    public FileRead ReadRegular(string path, int maxBytes);
}

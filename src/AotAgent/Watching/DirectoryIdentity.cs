using System.IO.Abstractions;

namespace AotAgent.Watching;

/// <summary>Tells a directory from its replacement at the same path (a watcher follows an inode, not a path).</summary>
internal static class DirectoryIdentity
{
    /// <summary>
    /// What tells one directory at this path from its replacement, through <see cref="IFileSystem"/>: its symlink
    /// target and its birth time (statx). Null when it does not exist. Where the file system has no birth time .NET
    /// reports the older of ctime and mtime, which changes with the contents: the watcher is then re-armed more often
    /// than needed, never less.
    /// </summary>
    public static string? Of(IFileSystem fileSystem, string dir)
    {
        try
        {
            var info = fileSystem.DirectoryInfo.New(dir);
            return info.Exists ? $"{info.LinkTarget}|{info.CreationTimeUtc.Ticks}" : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using AotAgent.Platform;

namespace AotAgent.Watching;

/// <summary>
/// Tells a directory from its replacement at the same path (a watcher follows an inode, not a path): its (device,
/// inode), through the links on the way. Adding, removing or renaming entries changes neither, so a busy directory
/// keeps its watcher; removing and re-creating it, or retargeting a symlink to it, changes them.
/// </summary>
internal readonly record struct DirectoryIdentity(ulong Device, ulong Inode)
{
    /// <summary>The directory's identity; null when nothing (or not a directory) is there, or it cannot be looked at.</summary>
    public static DirectoryIdentity? Of(IFileProbe probe, string dir)
    {
        try
        {
            return probe.Stat(dir, followLinks: true) is { Kind: FileKind.Directory } status ? new(status.Device, status.Inode) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

namespace AotAgent.Platform;

/// <summary>
/// What <c>statx</c> says about a file: its type, identity (device, inode) and the fields that change when it is
/// written (size, mtime, ctime, in nanoseconds since the epoch), and its permission bits.
/// </summary>
internal readonly record struct FileStatus(FileKind Kind, ulong Device, ulong Inode, long Size, long ModifiedNs, long ChangedNs, UnixFileMode Permissions = default)
{
    public string KindName => Kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Symlink => "a symlink",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        _ => "an unknown kind of file",
    };
}

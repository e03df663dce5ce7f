using System.Runtime.InteropServices;

namespace AotAgent.Platform;

/// <summary>
/// <see cref="IDirectoryEntries"/> on an open directory descriptor (statx relative to it). When the directory cannot be
/// opened (it vanished, or is not one), entries are looked at by their full path, which then finds nothing.
/// </summary>
internal sealed class LibcDirectoryEntries : IDirectoryEntries
{
    private readonly string _directory;
    private int _fd;

    public LibcDirectoryEntries(string directory)
    {
        _directory = directory;
        var open = OpenFlags.Current;
        _fd = Libc.Open(directory, OpenFlags.ReadOnly | open.Directory | open.NonBlock | open.CloseOnExec);
    }

    public FileStatus? Stat(string name)
    {
        var (dirfd, path) = _fd >= 0 ? (_fd, name) : (Statx.AtFdCwd, Path.Combine(_directory, name));
        if (Libc.StatxCall(dirfd, path, Statx.AtSymlinkNoFollow, Statx.BasicStats, out var result) == 0)
        {
            return result.ToStatus();
        }

        return Marshal.GetLastPInvokeError() is Libc.ENoEnt or Libc.ENotDir ? null : throw new IOException($"cannot stat {Path.Combine(_directory, name)}: {Libc.LastError()}");
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = Libc.Close(_fd);
            _fd = -1;
        }
    }
}

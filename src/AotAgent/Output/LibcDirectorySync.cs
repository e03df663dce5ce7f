using AotAgent.Platform;

namespace AotAgent.Output;

/// <summary>
/// open(O_RDONLY|O_DIRECTORY|O_NONBLOCK|O_CLOEXEC) + fsync + close, so a rename survives power loss. O_DIRECTORY and
/// O_NONBLOCK make a path that is no longer a directory (or was swapped for a FIFO) fail at once instead of blocking.
/// </summary>
internal sealed class LibcDirectorySync : IDirectorySync
{
    public void Flush(string directory)
    {
        var flags = OpenFlags.Current;
        var fd = Libc.Open(directory, OpenFlags.ReadOnly | flags.Directory | flags.NonBlock | flags.CloseOnExec);
        if (fd < 0)
        {
            throw new DirectoryFlushException($"cannot open {directory} to flush it: {Libc.LastError()}");
        }

        try
        {
            if (Libc.Fsync(fd) != 0)
            {
                throw new DirectoryFlushException($"fsync of {directory} failed: {Libc.LastError()}");
            }
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }
}

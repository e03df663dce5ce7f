using System.Runtime.InteropServices;

namespace AotAgent.Output;

/// <summary>open(O_RDONLY|O_DIRECTORY) + fsync + close, so a rename survives power loss.</summary>
public sealed partial class LibcDirectorySync : IDirectorySync
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux value on x86-64 and arm64.
    private const int OCloExec = 0x80000;

    public void Flush(string directory)
    {
        var fd = Open(directory, ORdOnly | ODirectory | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

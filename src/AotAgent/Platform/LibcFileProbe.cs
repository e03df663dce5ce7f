using System.Runtime.InteropServices;

namespace AotAgent.Platform;

/// <summary>
/// <see cref="IFileProbe"/> on libc: statx for status, and open(O_RDONLY|O_NONBLOCK|O_NOCTTY|O_CLOEXEC) then statx on the
/// descriptor, so a FIFO never blocks the open, the type is checked on what was opened (not on a name that may have
/// been swapped since), and at most the limit plus one byte is read.
/// </summary>
internal sealed class LibcFileProbe : IFileProbe
{
    public FileStatus? Stat(string path, bool followLinks)
    {
        var flags = followLinks ? 0 : Statx.AtSymlinkNoFollow;
        if (Libc.StatxCall(Statx.AtFdCwd, path, flags, Statx.BasicStats, out var result) == 0)
        {
            return result.ToStatus();
        }

        return Marshal.GetLastPInvokeError() is Libc.ENoEnt or Libc.ENotDir ? null : throw new IOException($"cannot stat {path}: {Libc.LastError()}");
    }

    public IDirectoryEntries Entries(string directory) => new LibcDirectoryEntries(directory);

    public FileRead ReadRegular(string path, int maxBytes)
    {
        var open = OpenFlags.Current;
        var fd = Libc.Open(path, OpenFlags.ReadOnly | open.NonBlock | open.NoControllingTerminal | open.CloseOnExec);
        if (fd < 0)
        {
            // A socket refuses open(2) (ENXIO): name what it is rather than the errno, when it can be told.
            var error = Libc.LastError();
            return Stat(path, followLinks: true) is { Kind: not FileKind.Regular } other
                ? FileRead.Failed($"not a regular file but {other.KindName}; never read", other)
                : FileRead.Failed("unreadable: " + error);
        }

        try
        {
            if (Libc.StatxCall(fd, string.Empty, Statx.AtEmptyPath, Statx.BasicStats, out var opened) != 0)
            {
                return FileRead.Failed("unreadable: " + Libc.LastError());
            }

            var status = opened.ToStatus();
            if (status.Kind != FileKind.Regular)
            {
                return FileRead.Failed($"not a regular file but {status.KindName}; never read", status);
            }

            if (status.Size > maxBytes)
            {
                return FileRead.Failed($"larger than {maxBytes / 1024} KiB ({status.Size} bytes)", status);
            }

            // Sized for the length seen, plus one byte to notice growth (a writer may be appending right now); a file that
            // grows is read on up to the limit plus one byte, never further.
            var buffer = new byte[Math.Min(status.Size, maxBytes) + 1];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, maxBytes + 1);
                }

                var read = ReadSome(fd, buffer, total);
                if (read < 0)
                {
                    return FileRead.Failed("unreadable: " + Libc.LastError(), status);
                }

                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total > maxBytes
                ? FileRead.Failed($"grew past {maxBytes / 1024} KiB while being read", status)
                : new FileRead(total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray(), status, null);
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }

    /// <summary>One read(2) into <paramref name="buffer"/> at <paramref name="offset"/>, retried on EINTR; -1 on error.</summary>
    private static unsafe int ReadSome(int fd, byte[] buffer, int offset)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var read = Libc.Read(fd, start + offset, (nuint)(buffer.Length - offset));
                if (read >= 0 || Marshal.GetLastPInvokeError() != Libc.EIntr)
                {
                    return (int)read;
                }
            }
        }
    }
}

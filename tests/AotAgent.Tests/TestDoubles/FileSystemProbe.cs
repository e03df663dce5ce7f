using System.IO.Abstractions;
using AotAgent.Platform;

namespace AotAgent.Tests.TestDoubles;

/// <summary>
/// <see cref="IFileProbe"/> over <see cref="IFileSystem"/>, for MockFileSystem (the production probe calls libc on a
/// real disk, and has its own tests on real files). Inodes are stable per path and creation time (an entry deleted and
/// made again is another inode, as on a disk); <see cref="Reads"/> counts reads.
/// </summary>
internal sealed class FileSystemProbe(IFileSystem fileSystem) : IFileProbe
{
    private readonly Dictionary<(string Path, long Created), ulong> _inodes = [];

    public int Reads { get; private set; }

    /// <summary>Called with the path after each read (a writer racing the agent).</summary>
    public Action<string>? AfterRead { get; set; }

    /// <summary>While set, every call throws it (an unexpected failure, to prove nothing escapes a pass).</summary>
    public Exception? FailWith { get; set; }

    public FileStatus? Stat(string path, bool followLinks)
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }

        IFileSystemInfo info = fileSystem.Directory.Exists(path) ? fileSystem.DirectoryInfo.New(path) : fileSystem.FileInfo.New(path);
        if (!info.Exists)
        {
            return null;
        }

        if (info.LinkTarget is not null && !followLinks)
        {
            return Status(path, FileKind.Symlink, 0, info);
        }

        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? Stat(target.FullName, followLinks: true) : null;
        }

        return info is IDirectoryInfo
            ? Status(path, FileKind.Directory, 0, info)
            : Status(path, FileKind.Regular, ((IFileInfo)info).Length, info);
    }

    public IDirectoryEntries Entries(string directory) => new PathEntries(this, fileSystem, directory);

    public FileRead ReadRegular(string path, int maxBytes)
    {
        var status = Stat(path, followLinks: true);
        if (status is not { } s)
        {
            return FileRead.Failed("unreadable: no such file");
        }

        if (s.Kind != FileKind.Regular)
        {
            return FileRead.Failed($"not a regular file but {s.KindName}; never read", s);
        }

        if (s.Size > maxBytes)
        {
            return FileRead.Failed($"larger than {maxBytes / 1024} KiB ({s.Size} bytes)", s);
        }

        Reads++;
        var read = new FileRead(fileSystem.File.ReadAllBytes(path), s, null);
        AfterRead?.Invoke(path);
        return read;
    }

    private FileStatus Status(string path, FileKind kind, long size, IFileSystemInfo info)
    {
        var key = (path, info.CreationTimeUtc.Ticks);
        if (!_inodes.TryGetValue(key, out var inode))
        {
            inode = _inodes[key] = (ulong)_inodes.Count + 1;
        }

        // Nanoseconds since the Unix epoch, as statx gives them (the scan cache compares them with the clock).
        // MockFileSystem does not stamp a directory when its entries change, so a directory reports the far future:
        // never trusted, always listed (the real probe's directories are tested on a real disk).
        var modified = kind == FileKind.Directory ? long.MaxValue / 2 : (info.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks * 100;
        return new FileStatus(kind, 1, inode, size, modified, modified, kind == FileKind.Regular ? fileSystem.File.GetUnixFileMode(path) : default);
    }

    /// <summary>Entries by their full path (MockFileSystem has no descriptors).</summary>
    private sealed class PathEntries(FileSystemProbe probe, IFileSystem fileSystem, string directory) : IDirectoryEntries
    {
        public FileStatus? Stat(string name) => probe.Stat(fileSystem.Path.Combine(directory, name), followLinks: false);

        public void Dispose()
        {
        }
    }
}

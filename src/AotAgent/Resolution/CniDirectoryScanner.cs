using System.IO.Abstractions;

namespace AotAgent.Resolution;

/// <summary>
/// Reads the CNI directory without trusting it: never opens what could block (pipes, devices), never follows a link
/// out of the directory, never reads more than <see cref="MaxFileBytes"/>. Every entry comes back with bytes or a reason.
/// </summary>
internal sealed class CniDirectoryScanner(IFileSystem fileSystem)
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>A bound on entries looked at, so a directory stuffed with millions of files cannot stall a pass.</summary>
    public const int MaxEntries = 100_000;

    public ScanResult Scan(string directory, string? readyFile, Func<string, bool> wantsContent)
    {
        var dir = fileSystem.DirectoryInfo.New(directory);
        if (!dir.Exists)
        {
            return ScanResult.Missing;
        }

        var root = RealPath(dir);
        var entries = new List<IFileSystemInfo>();
        foreach (var entry in dir.EnumerateFileSystemInfos())
        {
            entries.Add(entry);
            if (entries.Count >= MaxEntries)
            {
                break;
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var files = new List<ScannedFile>(entries.Count);
        foreach (var entry in entries)
        {
            files.Add(ScanEntry(entry, root, dir, wantsContent));
        }

        var ready = readyFile is null || fileSystem.File.Exists(readyFile) || fileSystem.Directory.Exists(readyFile);
        return new ScanResult(true, files, ready);
    }

    private ScannedFile ScanEntry(IFileSystemInfo entry, string root, IDirectoryInfo dir, Func<string, bool> wantsContent)
    {
        var name = entry.Name;
        if (!wantsContent(name))
        {
            return new ScannedFile(name, null, null, entry is IDirectoryInfo);
        }

        try
        {
            // Entries from the enumeration carry their lstat data: the attributes tell a link without a readlink, and the
            // length needs no second stat. A pass over thousands of files is mostly these system calls.
            var target = entry;
            if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                var resolved = entry.ResolveLinkTarget(returnFinalTarget: true);
                if (resolved is null || !resolved.Exists)
                {
                    return Problem(name, Verdict.Invalid, "symlink whose target does not exist");
                }

                // Inside the directory as named or as resolved (CniDir may itself be a link, e.g. on k3s).
                if (!IsInside(resolved.FullName, root) && !IsInside(resolved.FullName, dir.FullName))
                {
                    return Problem(name, Verdict.Ignored, "symlink to a file outside CniDir or in a subdirectory (never read)");
                }

                target = fileSystem.FileInfo.New(resolved.FullName);
                if (!target.Exists)
                {
                    return Problem(name, Verdict.Ignored, "symlink to a directory");
                }
            }

            if (target is IDirectoryInfo || target.Attributes.HasFlag(FileAttributes.Directory))
            {
                return new ScannedFile(name, null, new ScanProblem(Verdict.Ignored, "a directory"), IsDirectory: true);
            }

            var info = target as IFileInfo ?? fileSystem.FileInfo.New(target.FullName);
            var length = info.Length;

            // Pipes, sockets and devices report size 0; opening a pipe would block, so size 0 is never opened.
            if (length == 0)
            {
                return Problem(name, Verdict.Invalid, "empty, or not a regular file (pipe, socket or device)");
            }

            if (length > MaxFileBytes)
            {
                return Problem(name, Verdict.Invalid, $"larger than {MaxFileBytes / 1024} KiB ({length} bytes)");
            }

            return new ScannedFile(name, ReadBounded(info.FullName, length), null);
        }
        catch (IOException ex)
        {
            return Problem(name, Verdict.Invalid, "unreadable: " + ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Problem(name, Verdict.Invalid, "unreadable: " + ex.Message);
        }
    }

    private byte[] ReadBounded(string path, long expectedLength)
    {
        using var stream = fileSystem.FileStream.New(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);

        // Sized for the length seen a moment ago, plus one byte to notice growth; a writer mid-way can change it.
        var buffer = new byte[expectedLength + 1];
        var total = 0;
        int read;
        while ((read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                if (buffer.Length > MaxFileBytes)
                {
                    throw new IOException($"grew past {MaxFileBytes / 1024} KiB while being read");
                }

                Array.Resize(ref buffer, MaxFileBytes + 1);
            }
        }

        return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
    }

    private static string RealPath(IDirectoryInfo dir)
    {
        try
        {
            return dir.LinkTarget is not null ? dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName : dir.FullName;
        }
        catch (IOException)
        {
            return dir.FullName;
        }
    }

    /// <summary>
    /// Directly in the directory: a path under a subdirectory may pass through a link out of it
    /// (<c>sub -&gt; /etc</c>, <c>x.conf -&gt; sub/secret</c>), which a textual prefix check cannot see.
    /// </summary>
    private static bool IsInside(string path, string root) =>
        string.Equals(Path.GetDirectoryName(path), root.TrimEnd('/'), StringComparison.Ordinal);

    private static ScannedFile Problem(string name, Verdict verdict, string reason) => new(name, null, new ScanProblem(verdict, reason));
}

using System.IO.Abstractions;
using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// Reads the CNI directory without trusting it: never opens what is not a regular file (checked on the opened
/// descriptor), never follows a link out of the directory, never reads more than <see cref="MaxFileBytes"/>, never
/// chooses from a partial listing. Names that can never count cost one directory entry, not a system call.
/// </summary>
internal sealed class CniDirectoryScanner(IFileSystem fileSystem, IFileProbe probe, int maxEntries = CniDirectoryScanner.MaxEntries)
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>A bound on entries looked at, so a directory stuffed with millions of files cannot stall a pass.</summary>
    public const int MaxEntries = 100_000;

    public ScanResult Scan(string directory, string? readyFile, Func<string, bool> wantsContent)
    {
        if (probe.Stat(directory, followLinks: true) is not { Kind: FileKind.Directory })
        {
            return ScanResult.Missing;
        }

        var names = new List<string>();
        foreach (var path in fileSystem.Directory.EnumerateFileSystemEntries(directory))
        {
            names.Add(fileSystem.Path.GetFileName(path));
            if (names.Count > maxEntries)
            {
                return new ScanResult(true, [], ReadyFilePresent(readyFile), TooLarge: true);
            }
        }

        names.Sort(Utf8Order.Instance);
        var root = RealPath(directory);
        var files = new List<ScannedFile>(names.Count);
        foreach (var name in names)
        {
            if (ScanEntry(directory, root, name, wantsContent) is { } file)
            {
                files.Add(file);
            }
        }

        var listed = new HashSet<string>(names, StringComparer.Ordinal);
        var read = new Dictionary<string, PluginDirectory>(StringComparer.Ordinal);
        return new ScanResult(true, files, ReadyFilePresent(readyFile))
        {
            // libcni joins CniDir and the network name: "" and "." are CniDir itself (other paths out of it are not read).
            PluginDirectories = name => name is "" or "." || listed.Contains(name)
                ? read.TryGetValue(name, out var known) ? known : read[name] = ReadPluginDirectory(name is "" or "." ? directory : fileSystem.Path.Combine(directory, name))
                : PluginDirectory.None,
        };
    }

    /// <summary>A bound on the plugin files read from one network's plugin directory.</summary>
    public const int MaxPluginFiles = 64;

    /// <summary>libcni v1.3.0 reads <c>*.conf</c> (exactly that extension; directories skipped) from a list's plugin directory.</summary>
    private PluginDirectory ReadPluginDirectory(string path)
    {
        try
        {
            if (probe.Stat(path, followLinks: true) is not { Kind: FileKind.Directory })
            {
                return new PluginDirectory("a file named like the network is in CniDir where libcni expects its plugin directory", []);
            }

            var confs = fileSystem.Directory.EnumerateFiles(path)
                .Select(p => fileSystem.Path.GetFileName(p))
                .Where(n => fileSystem.Path.GetExtension(n) == ".conf")
                .Take(MaxPluginFiles + 1)
                .ToList();
            if (confs.Count > MaxPluginFiles)
            {
                return new PluginDirectory($"more than {MaxPluginFiles} .conf files (the agent reads at most {MaxPluginFiles})", []);
            }

            confs.Sort(Utf8Order.Instance);
            return new PluginDirectory(null, [.. confs.Select(name =>
            {
                var read = probe.ReadRegular(fileSystem.Path.Combine(path, name), MaxFileBytes);
                return new ScannedFile(name, read.Content, read.Content is null ? new ScanProblem(Verdict.Invalid, read.Problem ?? "unreadable") : null, false, read.Status);
            })]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PluginDirectory("unreadable: " + ex.Message, []);
        }
    }

    private bool ReadyFilePresent(string? readyFile) =>
        readyFile is null || fileSystem.File.Exists(readyFile) || fileSystem.Directory.Exists(readyFile);

    /// <summary>Null when the entry vanished between the listing and now.</summary>
    private ScannedFile? ScanEntry(string directory, string root, string name, Func<string, bool> wantsContent)
    {
        // Only CNI names count for the runtime and as candidates; the rest (temp files, backups) are not even stat'ed.
        if (!ScannedFile.HasCniExtension(name))
        {
            return new ScannedFile(name, null, null);
        }

        var path = fileSystem.Path.Combine(directory, name);
        try
        {
            if (probe.Stat(path, followLinks: false) is not { } status)
            {
                return null;
            }

            var isDirectory = status.Kind == FileKind.Directory;
            if (!wantsContent(name))
            {
                return new ScannedFile(name, null, null, isDirectory, status);
            }

            if (isDirectory)
            {
                return new ScannedFile(name, null, new ScanProblem(Verdict.Ignored, "a directory"), IsDirectory: true, status);
            }

            var target = path;
            if (status.Kind == FileKind.Symlink)
            {
                var resolved = fileSystem.FileInfo.New(path).ResolveLinkTarget(returnFinalTarget: true);
                if (resolved is null || !resolved.Exists && !fileSystem.Directory.Exists(resolved.FullName))
                {
                    return Problem(name, Verdict.Invalid, "symlink whose target does not exist", status);
                }

                // Inside the directory as named or as resolved (CniDir may itself be a link, e.g. on k3s).
                if (!IsInside(resolved.FullName, root) && !IsInside(resolved.FullName, directory))
                {
                    return Problem(name, Verdict.Ignored, "symlink to a file outside CniDir or in a subdirectory (never read)", status);
                }

                target = resolved.FullName;
            }

            var read = probe.ReadRegular(target, MaxFileBytes);
            if (read.Content is { } content)
            {
                return new ScannedFile(name, content, null, false, read.Status);
            }

            var tooLarge = read.Status is { Kind: FileKind.Regular, Size: > MaxFileBytes };
            return read.Status is { Kind: FileKind.Directory }
                ? Problem(name, Verdict.Ignored, "symlink to a directory", status)
                : Problem(name, Verdict.Invalid, (read.Problem ?? "unreadable") + (tooLarge ? CniConfigParser.AgentRule : string.Empty), status);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Problem(name, Verdict.Invalid, "unreadable: " + ex.Message, null);
        }
    }

    private string RealPath(string directory)
    {
        try
        {
            var dir = fileSystem.DirectoryInfo.New(directory);
            return dir.LinkTarget is not null ? dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName : dir.FullName;
        }
        catch (IOException)
        {
            return directory;
        }
    }

    /// <summary>
    /// Directly in the directory: a path under a subdirectory may pass through a link out of it
    /// (<c>sub -&gt; /etc</c>, <c>x.conf -&gt; sub/secret</c>), which a textual prefix check cannot see.
    /// </summary>
    private static bool IsInside(string path, string root) =>
        string.Equals(Path.GetDirectoryName(path), root.TrimEnd('/'), StringComparison.Ordinal);

    private static ScannedFile Problem(string name, Verdict verdict, string reason, FileStatus? status) =>
        new(name, null, new ScanProblem(verdict, reason), false, status);
}

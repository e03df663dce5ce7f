using System.IO.Abstractions;
using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// Reads one CNI-named entry without trusting it: a link is followed only within CniDir, and only a regular file of at
/// most <see cref="CniDirectoryScanner.MaxFileBytes"/> is read (checked on the opened descriptor, so a FIFO never blocks).
/// </summary>
internal sealed class CniEntryReader(IFileSystem fileSystem, IFileProbe probe)
{
    /// <summary>Reads <paramref name="name"/>, whose lstat is <paramref name="status"/>; <paramref name="root"/> is CniDir resolved.</summary>
    public ScannedFile Read(string directory, string root, string name, FileStatus status)
    {
        var path = fileSystem.Path.Combine(directory, name);
        try
        {
            if (status.Kind == FileKind.Directory)
            {
                return new ScannedFile(name, null, new ScanProblem(Verdict.Ignored, "a directory"), IsDirectory: true);
            }

            var target = path;
            if (status.Kind == FileKind.Symlink)
            {
                var resolved = fileSystem.FileInfo.New(path).ResolveLinkTarget(returnFinalTarget: true);
                if (resolved is null || !resolved.Exists && !fileSystem.Directory.Exists(resolved.FullName))
                {
                    return Problem(name, Verdict.Invalid, "symlink whose target does not exist");
                }

                // Inside the directory as named or as resolved (CniDir may itself be a link, e.g. on k3s).
                if (!IsInside(resolved.FullName, root) && !IsInside(resolved.FullName, directory))
                {
                    return Problem(name, Verdict.Ignored, "symlink to a file outside CniDir or in a subdirectory (never read)");
                }

                target = resolved.FullName;
            }

            var read = probe.ReadRegular(target, CniDirectoryScanner.MaxFileBytes);
            if (read.Content is { } content)
            {
                return new ScannedFile(name, content, null);
            }

            var tooLarge = read.Status is { Kind: FileKind.Regular, Size: > CniDirectoryScanner.MaxFileBytes };
            return read.Status is { Kind: FileKind.Directory }
                ? Problem(name, Verdict.Ignored, "symlink to a directory")
                : Problem(name, Verdict.Invalid, (read.Problem ?? "unreadable") + (tooLarge ? CniConfigParser.AgentRule : string.Empty));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Problem(name, Verdict.Invalid, "unreadable: " + ex.Message);
        }
    }

    /// <summary>
    /// Directly in the directory: a path under a subdirectory may pass through a link out of it
    /// (<c>sub -&gt; /etc</c>, <c>x.conf -&gt; sub/secret</c>), which a textual prefix check cannot see.
    /// </summary>
    private static bool IsInside(string path, string root) =>
        string.Equals(Path.GetDirectoryName(path), root.TrimEnd('/'), StringComparison.Ordinal);

    private static ScannedFile Problem(string name, Verdict verdict, string reason) =>
        new(name, null, new ScanProblem(verdict, reason));
}

using System.IO.Abstractions;
using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// Reads a conflist's plugin directory, as libcni v1.3.0 does: <c>*.conf</c> only (exactly that extension; directories
/// skipped), in byte order, each bounded and never a FIFO, at most <see cref="MaxFiles"/> of them.
/// </summary>
internal sealed class PluginDirectoryReader(IFileSystem fileSystem, IFileProbe probe)
{
    /// <summary>A bound on the plugin files read from one network's plugin directory.</summary>
    public const int MaxFiles = 64;

    public PluginDirectory Read(string path)
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
                .Take(MaxFiles + 1)
                .ToList();
            if (confs.Count > MaxFiles)
            {
                return new PluginDirectory($"more than {MaxFiles} .conf files (the agent reads at most {MaxFiles})", []);
            }

            confs.Sort(Utf8Order.Instance);
            return new PluginDirectory(null, [.. confs.Select(name =>
            {
                var read = probe.ReadRegular(fileSystem.Path.Combine(path, name), CniDirectoryScanner.MaxFileBytes);
                return new ScannedFile(name, read.Content, read.Content is null ? new ScanProblem(Verdict.Invalid, read.Problem ?? "unreadable") : null);
            })]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new PluginDirectory("unreadable: " + ex.Message, []);
        }
    }
}

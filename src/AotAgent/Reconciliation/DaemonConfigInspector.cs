using System.IO.Abstractions;
using AotAgent.Output;
using AotAgent.Rendering;

namespace AotAgent.Reconciliation;

/// <summary>
/// Lints the mounted Multus daemon-config.json (<c>Multus__DaemonConfig</c>) against the template. The I/O edge of the
/// pure <see cref="DaemonConfigLinter"/>: a stat per pass, a read and a parse only when the file or settings changed.
/// </summary>
internal sealed class DaemonConfigInspector(IFileSystem fileSystem)
{
    private ((MultusTemplate Template, string Output, long Length, DateTime Modified) Key, IReadOnlyList<string> Findings)? _cache;

    public IReadOnlyList<string> Inspect(MultusTemplate template, string outputFileName)
    {
        if (template.DaemonConfig is not { } path)
        {
            return [];
        }

        try
        {
            var info = fileSystem.FileInfo.New(path);
            if (!info.Exists)
            {
                return [$"Multus__DaemonConfig {path} does not exist"];
            }

            if (info.Length > OutputFile.MaxBytes)
            {
                return [$"Multus__DaemonConfig {path} is larger than 1 MiB"];
            }

            var key = (template, outputFileName, info.Length, info.LastWriteTimeUtc);
            if (_cache is { } cached && cached.Key == key)
            {
                return cached.Findings;
            }

            var findings = DaemonConfigLinter.Lint(fileSystem.File.ReadAllBytes(path), template, outputFileName);
            _cache = (key, findings);
            return findings;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [$"Multus__DaemonConfig {path} is unreadable: {ex.Message}"];
        }
    }
}

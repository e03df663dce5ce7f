using AotAgent.Output;
using AotAgent.Platform;
using AotAgent.Rendering;

namespace AotAgent.Reconciliation;

/// <summary>
/// Lints the mounted Multus daemon-config.json (<c>Multus__DaemonConfig</c>) against the template. The I/O edge of the
/// pure <see cref="DaemonConfigLinter"/>: a stat per pass, a (bounded, FIFO-safe) read and a parse only when the file
/// (its identity, size or times) or the settings changed.
/// </summary>
internal sealed class DaemonConfigInspector(IFileProbe probe)
{
    private ((MultusTemplate Template, string Output, FileStatus Status) Key, IReadOnlyList<string> Findings)? _cache;

    public IReadOnlyList<string> Inspect(MultusTemplate template, string outputFileName)
    {
        if (template.DaemonConfig is not { } path)
        {
            return [];
        }

        try
        {
            if (probe.Stat(path, followLinks: true) is not { } status)
            {
                return [$"Multus__DaemonConfig {path} does not exist"];
            }

            var key = (template, outputFileName, status);
            if (_cache is { } cached && cached.Key == key)
            {
                return cached.Findings;
            }

            var read = probe.ReadRegular(path, OutputFile.MaxBytes);
            var findings = read.Content is { } content
                ? DaemonConfigLinter.Lint(content, template, outputFileName)
                : [$"Multus__DaemonConfig {path} was not read: {read.Problem}"];
            _cache = (key, findings);
            return findings;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [$"Multus__DaemonConfig {path} is unreadable: {ex.Message}"];
        }
    }
}

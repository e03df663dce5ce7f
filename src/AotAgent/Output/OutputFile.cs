using System.IO.Abstractions;
using AotAgent.Platform;
using AotAgent.Rendering;

namespace AotAgent.Output;

/// <summary>
/// The one owner of the output on disk: reads it once per pass, replaces it atomically, removes its other name, and
/// removes it on exit or uninstall (only when it is a Multus config). Every verb and the daemon go through it.
/// </summary>
internal sealed class OutputFile(IFileSystem fileSystem, IFileProbe probe, AtomicFileWriter writer, IDirectorySync directorySync)
{
    /// <summary>The output is never read past this size: a larger file is not the agent's.</summary>
    public const int MaxBytes = 1024 * 1024;

    private string? _unflushed;

    /// <summary>
    /// Why the directory flush after the last change failed, while it has not succeeded since: the output is in place,
    /// but the change may not survive a power loss. Every later pass retries the flush.
    /// </summary>
    public string? FlushError { get; private set; }

    /// <summary>Reads whichever output name exists (<c>.conf</c> first); <paramref name="listed"/> says which names the scan saw.</summary>
    public OutputState Read(string cniDir, OutputPolicy policy, Func<string, bool> listed)
    {
        foreach (var name in policy.FileNames)
        {
            if (!listed(name))
            {
                continue;
            }

            var path = fileSystem.Path.Combine(cniDir, name);
            try
            {
                // A link, a FIFO, a device or an oversized file is not what the agent wrote: it is replaced by the next
                // write, and never opened (a FIFO would block, /dev/zero would never end).
                if (probe.Stat(path, followLinks: false) is not { Kind: FileKind.Regular })
                {
                    return new OutputState(name, []);
                }

                var read = probe.ReadRegular(path, MaxBytes);
                return read.Content is { } content ? new OutputState(name, content, read.Status?.Permissions) : new OutputState(name, []);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new OutputState(name, []);
            }
        }

        return OutputState.None;
    }

    /// <summary>
    /// Makes the output hold <paramref name="content"/> under <paramref name="fileName"/>; <paramref name="current"/> is
    /// what <see cref="Read"/> found this pass, so equal bytes and mode are not written again. Then removes the other name.
    /// </summary>
    public WriteOutcome Write(string cniDir, OutputPolicy policy, OutputState current, string fileName, byte[] content)
    {
        var outcome = WriteOutcome.Unchanged;
        if (current.FileName != fileName || !current.Content.AsSpan().SequenceEqual(content) || current.Mode != policy.FileMode)
        {
            Durably(cniDir, () => writer.Replace(cniDir, fileName, content, policy.FileMode));
            outcome = WriteOutcome.Written;
        }
        else if (_unflushed == cniDir)
        {
            Durably(cniDir, () => directorySync.Flush(cniDir));
        }

        // The other name (.conf vs .conflist) sorts first or second: a leftover would shadow or confuse.
        var other = fileSystem.Path.Combine(cniDir, policy.OtherName(fileName));
        if (fileSystem.File.Exists(other))
        {
            fileSystem.File.Delete(other);
            Durably(cniDir, () => directorySync.Flush(cniDir));
        }

        return outcome;
    }

    /// <summary>
    /// Removes the output (both names, or only <paramref name="onlyName"/>) when it is a Multus config; a file of another
    /// kind at an output name is refused and kept. Returns what was done with each name that exists.
    /// </summary>
    public IReadOnlyList<OutputRemoval> Remove(string cniDir, OutputPolicy policy, string? onlyName, bool dryRun)
    {
        var result = new List<OutputRemoval>();
        foreach (var name in policy.FileNames.Where(n => onlyName is null || n == onlyName))
        {
            var path = fileSystem.Path.Combine(cniDir, name);
            if (!fileSystem.File.Exists(path))
            {
                continue;
            }

            var content = probe.Stat(path, followLinks: false) is { Kind: FileKind.Regular } ? probe.ReadRegular(path, MaxBytes).Content : null;
            if (content is null || !MultusConfigReader.IsMultusConfig(content))
            {
                result.Add(new OutputRemoval(path, Removed: false, "it is not a Multus config"));
                continue;
            }

            if (!dryRun)
            {
                fileSystem.File.Delete(path);
                Durably(cniDir, () => directorySync.Flush(cniDir));
            }

            result.Add(new OutputRemoval(path, Removed: !dryRun, null));
        }

        return result;
    }

    /// <summary>
    /// Finds (and unless <paramref name="dryRun"/> removes) the agent's outputs under earlier <c>Multus__ConfName</c>s:
    /// every other <c>.conf</c>/<c>.conflist</c> in <paramref name="cniDir"/> that is a Multus config in the agent's own
    /// shape for <paramref name="template"/> (thick: <c>multus-shim</c> delegating to a file of
    /// <c>Multus__ClusterNetworkDir</c>; thin: carrying the agent's primary-file key). Anything else is left alone.
    /// </summary>
    public IReadOnlyList<OutputRemoval> RemoveEarlierOutputs(string cniDir, OutputPolicy policy, MultusTemplate template, bool dryRun)
    {
        var result = new List<OutputRemoval>();
        if (!fileSystem.Directory.Exists(cniDir))
        {
            return result;
        }

        foreach (var path in fileSystem.Directory.EnumerateFiles(cniDir).Order(StringComparer.Ordinal))
        {
            var name = fileSystem.Path.GetFileName(path);
            if (policy.IsOwnOutput(name) || name.StartsWith('.') || !(name.EndsWith(".conf", StringComparison.Ordinal) || name.EndsWith(".conflist", StringComparison.Ordinal)) ||
                probe.Stat(path, followLinks: false) is not { Kind: FileKind.Regular } ||
                probe.ReadRegular(path, MaxBytes).Content is not { } content ||
                MultusConfigReader.PrimaryInForce(content, template) is null)
            {
                continue;
            }

            if (!dryRun)
            {
                fileSystem.File.Delete(path);
                Durably(cniDir, () => directorySync.Flush(cniDir));
            }

            result.Add(new OutputRemoval(path, Removed: !dryRun, null));
        }

        return result;
    }

    /// <summary>Removes temp files a killed predecessor left behind.</summary>
    public int CleanStaleTempFiles(string cniDir) => writer.CleanStaleTempFiles(cniDir);

    /// <summary>A failed flush does not undo the change: it is recorded (and retried), not thrown as a failed pass.</summary>
    private void Durably(string cniDir, Action change)
    {
        try
        {
            change();
            _unflushed = null;
            FlushError = null;
        }
        catch (DirectoryFlushException ex)
        {
            _unflushed = cniDir;
            FlushError = ex.Message;
        }
    }
}

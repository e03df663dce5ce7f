using System.IO.Abstractions;
using System.Text;
using System.Text.Unicode;
using AotAgent.Platform;

namespace AotAgent.Configuration;

/// <summary>
/// Reads a mounted ConfigMap as one consistent snapshot. The kubelet's atomic writer keeps the keys in a timestamped
/// directory that <c>..data</c> links to, and re-points <c>..data</c> with one rename; the per-key links beside it are
/// mixed for a moment during a swap (a new key's link appears after the rename, a removed key's link dangles until it
/// is deleted). So <c>..data</c> is resolved once and every key is read from that one directory: a reading is wholly
/// one generation. When <c>..data</c> moves during the reading, it is read again. A plain directory (no <c>..data</c>,
/// as in tests or <c>--config-dir</c> on a normal directory) is read as it is.
/// </summary>
internal sealed class ConfigMapReader(IFileSystem fileSystem, IFileProbe probe)
{
    /// <summary>A configuration value is a few lines at most; anything larger is a mistake, not a setting.</summary>
    public const int MaxValueBytes = 64 * 1024;

    /// <summary>Readings tried before giving up on a ConfigMap that keeps changing (each swap is one rename).</summary>
    public const int MaxAttempts = 8;

    private const string DataLink = "..data";

    /// <summary>Reads <paramref name="directory"/>; throws <see cref="ConfigurationException"/> for a bad value.</summary>
    public ConfigMapSnapshot Read(string directory)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (!fileSystem.Directory.Exists(directory))
            {
                return ConfigMapSnapshot.Absent;
            }

            var generation = DataTarget(directory);
            if (generation is null)
            {
                return ReadKeys(directory, generation: null)!;
            }

            // Read from the generation's own directory, then check that ..data still points there: if it moved, the
            // reading may have met the old directory being deleted, so it is thrown away and done again.
            var snapshot = ReadKeys(fileSystem.Path.Combine(directory, generation), generation);
            if (snapshot is not null && DataTarget(directory) == generation)
            {
                return snapshot;
            }
        }

        throw new ConfigMapChangingException($"the ConfigMap in {directory} changed during each of {MaxAttempts} readings");
    }

    /// <summary>Where <c>..data</c> points (the kubelet's timestamped directory), or null for a plain directory.</summary>
    private string? DataTarget(string directory)
    {
        try
        {
            return fileSystem.FileInfo.New(fileSystem.Path.Combine(directory, DataLink)).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The keys in <paramref name="source"/>; null when a kubelet generation vanished while being read.</summary>
    private ConfigMapSnapshot? ReadKeys(string source, string? generation)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> paths;
        try
        {
            paths = fileSystem.Directory.EnumerateFiles(source).Order(StringComparer.Ordinal).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            // A plain directory removed since it was seen is absent; a kubelet generation removed is read again.
            return generation is null ? ConfigMapSnapshot.Absent : null;
        }

        foreach (var path in paths)
        {
            var name = fileSystem.Path.GetFileName(path);

            // ..data, ..2024_01_01 and other dot entries are the kubelet's atomic-writer plumbing.
            if (name.StartsWith('.'))
            {
                continue;
            }

            // Read through any link, so the cap measures the value itself, and a FIFO or device planted under a key's
            // name is refused without being opened for reading.
            var read = probe.ReadRegular(path, MaxValueBytes);
            if (read.Content is not { } content)
            {
                if (generation is not null && read.Status is null)
                {
                    // Gone: the generation was replaced and removed while it was read.
                    return null;
                }

                var size = read.Status is { Kind: FileKind.Regular } status ? $"({status.Size} bytes)" : null;
                throw new ConfigurationException([new ConfigError(name, size, $"expected a value of at most {MaxValueBytes} bytes in a regular file: {read.Problem}")]);
            }

            if (!Utf8.IsValid(content))
            {
                throw new ConfigurationException([new ConfigError(name, null, "expected UTF-8 text")]);
            }

            values[KeySpelling.ToPath(name)] = Encoding.UTF8.GetString(content);
        }

        return new ConfigMapSnapshot(values.Count == 0 ? ConfigMapState.Empty : ConfigMapState.Present, generation, values);
    }
}

using System.IO.Abstractions;
using System.Text;
using System.Text.Unicode;
using AotAgent.Platform;
using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>
/// Reads a mounted ConfigMap through <see cref="IFileSystem"/>. Written by hand rather than using KeyPerFile because
/// that provider reads the physical disk and its reload misses the kubelet's <c>..data</c> swap (dotnet/runtime#36091);
/// the agent re-reads this provider itself when the directory changes.
/// </summary>
internal sealed class ConfigMapDirectoryConfigurationProvider(IFileSystem fileSystem, IFileProbe probe, string directory) : ConfigurationProvider
{
    /// <summary>A configuration value is a few lines at most; anything larger is a mistake, not a setting.</summary>
    public const int MaxValueBytes = 64 * 1024;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (fileSystem.Directory.Exists(directory))
        {
            foreach (var path in fileSystem.Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                var name = fileSystem.Path.GetFileName(path);

                // ..data, ..2024_01_01 and other dot entries are the kubelet's atomic-writer plumbing.
                if (name.StartsWith('.'))
                {
                    continue;
                }

                // The key is a link through ..data to the value: the read follows it, so the cap measures the value itself,
                // and a FIFO or device planted under a key's name is refused without being opened for reading.
                var read = probe.ReadRegular(path, MaxValueBytes);
                if (read.Content is not { } content)
                {
                    var size = read.Status is { Kind: FileKind.Regular } status ? $"({status.Size} bytes)" : null;
                    throw new ConfigurationException([new ConfigError(name, size, $"expected a value of at most {MaxValueBytes} bytes in a regular file: {read.Problem}")]);
                }

                if (!Utf8.IsValid(content))
                {
                    throw new ConfigurationException([new ConfigError(name, null, "expected UTF-8 text")]);
                }

                // Values are cleaned (trimmed) with every other layer's, by SettingsParser.
                data[KeySpelling.ToPath(name)] = Encoding.UTF8.GetString(content);
            }
        }

        Data = data;
    }
}

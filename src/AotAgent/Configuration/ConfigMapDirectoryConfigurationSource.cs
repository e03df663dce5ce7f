using System.IO.Abstractions;
using AotAgent.Platform;
using Microsoft.Extensions.Configuration;

namespace AotAgent.Configuration;

/// <summary>A Kubernetes ConfigMap mounted as a directory: one file per key, named like the key (<c>Primary__Prefer</c>).</summary>
internal sealed class ConfigMapDirectoryConfigurationSource(IFileSystem fileSystem, IFileProbe probe, string directory) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConfigMapDirectoryConfigurationProvider(fileSystem, probe, directory);
}

using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using AotAgent.Configuration;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Configuration;

namespace AotAgent.Tests.Configuration;

public sealed class ConfigMapDirectoryConfigurationProviderTests
{
    private static Dictionary<string, string?> Read(IFileSystem fs, string dir) =>
        new ConfigurationBuilder()
            .Add(new ConfigMapDirectoryConfigurationSource(fs, fs is MockFileSystem ? new FileSystemProbe(fs) : new LibcFileProbe(), dir))
            .Build()
            .AsEnumerable()
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Load_OneFilePerKey_DoubleUnderscoreBecomesSection()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/cfg");
        fs.File.WriteAllText("/cfg/Primary__Prefer", "file:10-aws.conflist\n");
        fs.File.WriteAllText("/cfg/DryRun", "true\r\n");

        var data = Read(fs, "/cfg");

        // Values come through as written; SettingsParser cleans every layer's values the same way.
        Assert.Equal("file:10-aws.conflist\n", data["Primary:Prefer"]);
        Assert.Equal("true\r\n", data["DryRun"]);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void Load_DotEntries_Skipped()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/cfg/..2026_11_23_10_00_00.1");
        fs.File.WriteAllText("/cfg/..data", "not a key");
        fs.File.WriteAllText("/cfg/.hidden", "not a key");
        fs.File.WriteAllText("/cfg/Multus__Mode", "thin");

        var data = Read(fs, "/cfg");

        Assert.Equal("thin", Assert.Single(data).Value);
    }

    [Fact]
    public void Load_MissingDirectory_NoKeys()
    {
        Assert.Empty(Read(new MockFileSystem(), "/nowhere"));
    }

    [Fact]
    public void Load_ValueOverLimit_ConfigurationExceptionNamesKey()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/cfg");
        fs.File.WriteAllBytes("/cfg/Primary__Prefer", new byte[ConfigMapDirectoryConfigurationProvider.MaxValueBytes + 1]);

        var ex = Assert.Throws<ConfigurationException>(() => Read(fs, "/cfg"));

        Assert.StartsWith("invalid configuration: Primary__Prefer='(65537 bytes)'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The kubelet's atomic writer: keys live in a timestamped directory, <c>..data</c> links to it and each key is a
    /// link through <c>..data</c>. Real directories, because MockFileSystem 22.3 cannot model it: its
    /// File.CreateSymbolicLink("/cfg/Primary__Prefer", "/cfg/..data/Primary__Prefer") throws FileNotFoundException,
    /// as it does not resolve a path through a directory link.
    /// </summary>
    [Fact]
    public void Load_KubeletAtomicWriterLayout_ReadsKeysThroughDataLink()
    {
        using var dir = new TempDirectory();
        var stamped = dir.Combine("..2026_11_23_10_00_00.1");
        Directory.CreateDirectory(stamped);
        File.WriteAllText(Path.Combine(stamped, "Primary__Prefer"), "file:10-aws.conflist\n");
        File.WriteAllText(Path.Combine(stamped, "Multus__Mode"), "thin\n");
        File.CreateSymbolicLink(dir.Combine("..data"), "..2026_11_23_10_00_00.1");
        File.CreateSymbolicLink(dir.Combine("Primary__Prefer"), "..data/Primary__Prefer");
        File.CreateSymbolicLink(dir.Combine("Multus__Mode"), "..data/Multus__Mode");

        var data = Read(new FileSystem(), dir.Path);

        Assert.Equal(2, data.Count);
        Assert.Equal("file:10-aws.conflist\n", data["Primary:Prefer"]);
        Assert.Equal("thin\n", data["Multus:Mode"]);
    }

    [Fact]
    public void Load_KubeletDataSwap_NextLoadSeesNewValues()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("..v1"));
        File.WriteAllText(dir.Combine("..v1/Multus__Mode"), "thin");
        Directory.CreateDirectory(dir.Combine("..v2"));
        File.WriteAllText(dir.Combine("..v2/Multus__Mode"), "thick");
        File.CreateSymbolicLink(dir.Combine("..data"), "..v1");
        File.CreateSymbolicLink(dir.Combine("Multus__Mode"), "..data/Multus__Mode");
        var fs = new FileSystem();
        Assert.Equal("thin", Read(fs, dir.Path)["Multus:Mode"]);

        // The kubelet renames a new ..data_tmp -> ..v2 link over ..data; replacing the link has the same effect on a re-read.
        File.Delete(dir.Combine("..data"));
        File.CreateSymbolicLink(dir.Combine("..data"), "..v2");

        Assert.Equal("thick", Read(fs, dir.Path)["Multus:Mode"]);
    }

    [Fact]
    public void SettingsLoader_KubeletLayout_LoadsSettings()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("..2026_11_23_10_00_00.1"));
        File.WriteAllText(dir.Combine("..2026_11_23_10_00_00.1/Primary__Prefer"), "type:aws-cni\nfile:10-*.conflist\n");
        File.CreateSymbolicLink(dir.Combine("..data"), "..2026_11_23_10_00_00.1");
        File.CreateSymbolicLink(dir.Combine("Primary__Prefer"), "..data/Primary__Prefer");
        var loader = new SettingsLoader(new FileSystem(), new LibcFileProbe(), new Dictionary<string, string?> { ["ConfigDir"] = dir.Path }, new Dictionary<string, string?>());

        var settings = loader.Load();

        Assert.Equal(["type:aws-cni", "file:10-*.conflist"], settings.Primary.Prefer.Select(s => s.ToString()));
    }
}

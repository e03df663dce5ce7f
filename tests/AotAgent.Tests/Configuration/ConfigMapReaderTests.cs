using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using AotAgent.Configuration;
using AotAgent.Platform;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Configuration;

public sealed class ConfigMapReaderTests
{
    private static ConfigMapSnapshot Snapshot(IFileSystem fs, string dir, IFileProbe? probe = null) =>
        new ConfigMapReader(fs, probe ?? (fs is MockFileSystem ? new FileSystemProbe(fs) : new LibcFileProbe())).Read(dir);

    private static Dictionary<string, string> Read(IFileSystem fs, string dir, IFileProbe? probe = null) =>
        Snapshot(fs, dir, probe).Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>
    /// The kubelet's atomic writer: keys live in a timestamped directory, <c>..data</c> links to it and each key is a
    /// link through <c>..data</c>. Real directories, because MockFileSystem 22.3 cannot model it: its
    /// File.CreateSymbolicLink("/cfg/Primary__Prefer", "/cfg/..data/Primary__Prefer") throws FileNotFoundException,
    /// as it does not resolve a path through a directory link.
    /// </summary>
    private static void Generation(TempDirectory dir, string stamp, IReadOnlyDictionary<string, string> data, bool point = true)
    {
        Directory.CreateDirectory(dir.Combine(stamp));
        foreach (var (key, value) in data)
        {
            File.WriteAllText(Path.Combine(dir.Combine(stamp), key), value);
        }

        if (point)
        {
            Repoint(dir, stamp);
        }

        foreach (var key in data.Keys.Where(k => !Path.Exists(dir.Combine(k)) && new FileInfo(dir.Combine(k)).LinkTarget is null))
        {
            File.CreateSymbolicLink(dir.Combine(key), "..data/" + key);
        }
    }

    /// <summary>
    /// Re-points <c>..data</c>. The kubelet renames a new <c>..data_tmp</c> over it; here nothing reads concurrently (a
    /// swap runs between two reads), so replacing the link has the same effect. The end-to-end tests use the rename.
    /// </summary>
    private static void Repoint(TempDirectory dir, string stamp)
    {
        if (new FileInfo(dir.Combine("..data")).LinkTarget is not null)
        {
            File.Delete(dir.Combine("..data"));
        }

        File.CreateSymbolicLink(dir.Combine("..data"), stamp);
    }

    [Fact]
    public void Read_OneFilePerKey_DoubleUnderscoreBecomesSection()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/cfg");
        fs.File.WriteAllText("/cfg/Primary__Prefer", "file:10-aws.conflist\n");
        fs.File.WriteAllText("/cfg/DryRun", "true\r\n");

        var snapshot = Snapshot(fs, "/cfg");

        // Values come through as written; SettingLayers cleans every layer's values the same way.
        Assert.Equal("file:10-aws.conflist\n", snapshot.Values["Primary:Prefer"]);
        Assert.Equal("true\r\n", snapshot.Values["DryRun"]);
        Assert.Equal(2, snapshot.Values.Count);
        Assert.Equal(ConfigMapState.Present, snapshot.State);
        Assert.Null(snapshot.Generation);
    }

    [Fact]
    public void Read_DotEntriesInAPlainDirectory_Skipped()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/cfg/..2026_11_23_10_00_00.1");
        fs.File.WriteAllText("/cfg/..data", "not a key");
        fs.File.WriteAllText("/cfg/.hidden", "not a key");
        fs.File.WriteAllText("/cfg/Multus__Mode", "thin");

        Assert.Equal("thin", Assert.Single(Read(fs, "/cfg")).Value);
    }

    [Fact]
    public void Read_MissingDirectory_Absent_EmptyDirectory_Empty()
    {
        var fs = new MockFileSystem();
        Assert.Equal(ConfigMapState.Absent, Snapshot(fs, "/nowhere").State);
        fs.Directory.CreateDirectory("/cfg");
        Assert.Equal(ConfigMapState.Empty, Snapshot(fs, "/cfg").State);
    }

    [Fact]
    public void Read_ValueOverLimit_ConfigurationExceptionNamesKey()
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory("/cfg");
        fs.File.WriteAllBytes("/cfg/Primary__Prefer", new byte[ConfigMapReader.MaxValueBytes + 1]);

        var ex = Assert.Throws<ConfigurationException>(() => Read(fs, "/cfg"));

        Assert.StartsWith("invalid configuration: Primary__Prefer='(65537 bytes)'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_KubeletLayout_ReadsEveryKeyFromTheOneGenerationDataPointsTo()
    {
        using var dir = new TempDirectory();
        Generation(dir, "..2026_11_23_10_00_00.1", new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-aws.conflist\n", ["Multus__Mode"] = "thin\n" });

        var snapshot = Snapshot(new FileSystem(), dir.Path);

        Assert.Equal("..2026_11_23_10_00_00.1", snapshot.Generation);
        Assert.Equal(2, snapshot.Values.Count);
        Assert.Equal("file:10-aws.conflist\n", snapshot.Values["Primary:Prefer"]);
        Assert.Equal("thin\n", snapshot.Values["Multus:Mode"]);
    }

    [Fact]
    public void Read_MidSwapKeyLinksMixed_StillWhollyOneGeneration()
    {
        // The moment after the rename: ..data points to v2, which lacks Multus__LogLevel (its link dangles) and has a
        // new key whose link is not there yet. Reading the per-key links would fail or mix; the reading is v2 exactly.
        using var dir = new TempDirectory();
        Generation(dir, "..v1", new Dictionary<string, string> { ["Primary__Prefer"] = "file:a.conf", ["Multus__LogLevel"] = "debug" });
        Directory.CreateDirectory(dir.Combine("..v2"));
        File.WriteAllText(dir.Combine("..v2/Primary__Prefer"), "file:b.conf");
        File.WriteAllText(dir.Combine("..v2/Multus__NetworkName"), "net-b");
        Repoint(dir, "..v2");
        Directory.Delete(dir.Combine("..v1"), recursive: true);

        var data = Read(new FileSystem(), dir.Path);

        Assert.Equal(new Dictionary<string, string> { ["Primary:Prefer"] = "file:b.conf", ["Multus:NetworkName"] = "net-b" }, data);
    }

    [Fact]
    public void Read_DataRepointedDuringTheReading_ReadAgainNeverMixed()
    {
        using var dir = new TempDirectory();
        Generation(dir, "..v1", new Dictionary<string, string> { ["Multus__NetworkName"] = "net-a", ["Primary__Prefer"] = "file:a.conf" });
        Generation(dir, "..v2", new Dictionary<string, string> { ["Multus__NetworkName"] = "net-b", ["Primary__Prefer"] = "file:b.conf" }, point: false);

        // The swap lands between the first key read (v1's Multus__NetworkName) and the second, and v1 is removed.
        var probe = new SwappingProbe(() =>
        {
            Repoint(dir, "..v2");
            Directory.Delete(dir.Combine("..v1"), recursive: true);
        });
        var data = Read(new FileSystem(), dir.Path, probe);

        Assert.Equal(new Dictionary<string, string> { ["Multus:NetworkName"] = "net-b", ["Primary:Prefer"] = "file:b.conf" }, data);
        Assert.True(probe.Reads >= 3, $"expected a second reading, saw {probe.Reads} reads");
    }

    [Fact]
    public void Read_DataRepointedButOldGenerationKept_StillReadAgain()
    {
        using var dir = new TempDirectory();
        Generation(dir, "..v1", new Dictionary<string, string> { ["Multus__NetworkName"] = "net-a", ["Primary__Prefer"] = "file:a.conf" });
        Generation(dir, "..v2", new Dictionary<string, string> { ["Multus__NetworkName"] = "net-b", ["Primary__Prefer"] = "file:b.conf" }, point: false);
        var probe = new SwappingProbe(() => Repoint(dir, "..v2"));

        var snapshot = Snapshot(new FileSystem(), dir.Path, probe);

        Assert.Equal("..v2", snapshot.Generation);
        Assert.Equal("net-b", snapshot.Values["Multus:NetworkName"]);
        Assert.Equal("file:b.conf", snapshot.Values["Primary:Prefer"]);
    }

    [Fact]
    public void Read_DataKeepsMoving_ChangingNotARefusal()
    {
        using var dir = new TempDirectory();
        Generation(dir, "..v0", new Dictionary<string, string> { ["Multus__NetworkName"] = "net" });
        var n = 0;
        var probe = new SwappingProbe(() =>
        {
            n++;
            Generation(dir, "..v" + n, new Dictionary<string, string> { ["Multus__NetworkName"] = "net" });
        }, everyRead: true);

        Assert.Throws<ConfigMapChangingException>(() => Snapshot(new FileSystem(), dir.Path, probe));
        Assert.Equal(ConfigMapReader.MaxAttempts, n);
    }

    [Fact]
    public void Read_OversizedValueThroughKubeletLink_CapMeasuresTheValue()
    {
        using var dir = new TempDirectory();
        var big = "{\"x\":\"" + new string('a', 204 * 1024) + "\"}";
        Generation(dir, "..2026_11_23_10_00_00.1", new Dictionary<string, string> { ["Multus__ExtraJson"] = big });

        var ex = Assert.Throws<ConfigurationException>(() => Read(new FileSystem(), dir.Path));

        Assert.Equal("Multus__ExtraJson", ex.Errors[0].Key);
        Assert.Contains($"({big.Length} bytes)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OversizedValueThroughAPlainSymlink_CapMeasuresTheTarget()
    {
        using var dir = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var target = elsewhere.Write("big", new string('a', 204 * 1024));
        File.CreateSymbolicLink(dir.Combine("Multus__ExtraJson"), target);

        var ex = Assert.Throws<ConfigurationException>(() => Read(new FileSystem(), dir.Path));

        Assert.Contains("(208896 bytes)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsLoader_KubeletLayout_LoadsSettings()
    {
        using var dir = new TempDirectory();
        Generation(dir, "..2026_11_23_10_00_00.1", new Dictionary<string, string> { ["Primary__Prefer"] = "type:aws-cni\nfile:10-*.conflist\n" });
        var loader = new SettingsLoader(new FileSystem(), new LibcFileProbe(), new Dictionary<string, string?> { ["ConfigDir"] = dir.Path }, new Dictionary<string, string?>());

        var settings = loader.Load();

        Assert.Equal(["type:aws-cni", "file:10-*.conflist"], settings.Primary.Prefer.Select(s => s.ToString()));
    }

    /// <summary>The real probe, running <paramref name="swap"/> after the first read (or after every read).</summary>
    private sealed class SwappingProbe(Action swap, bool everyRead = false) : IFileProbe
    {
        private readonly LibcFileProbe _inner = new();

        public int Reads { get; private set; }

        public FileStatus? Stat(string path, bool followLinks) => _inner.Stat(path, followLinks);

        public IDirectoryEntries Entries(string directory) => _inner.Entries(directory);

        public FileRead ReadRegular(string path, int maxBytes)
        {
            var read = _inner.ReadRegular(path, maxBytes);
            if (++Reads == 1 || everyRead)
            {
                swap();
            }

            return read;
        }
    }
}

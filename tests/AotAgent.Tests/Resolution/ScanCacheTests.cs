using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using AotAgent.Platform;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Resolution;

/// <summary>
/// The scan cache (issue: incremental passes): a pass re-reads only what may have changed, never serves a stale
/// verdict past a resync, and holds nothing that grows with passes. Counts, not clocks.
/// </summary>
public sealed class ScanCacheTests
{
    private const string Dir = "/etc/cni/net.d";
    private static readonly DateTime Written = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    private readonly MockFileSystem _fs = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Written.AddMinutes(1)));
    private readonly FileSystemProbe _probe;
    private readonly CniDirectoryScanner _scanner;

    public ScanCacheTests()
    {
        _fs.Directory.CreateDirectory(Dir);
        _probe = new FileSystemProbe(_fs);
        _scanner = new CniDirectoryScanner(_fs, _probe, _time);
    }

    private void Put(string name, string content, DateTime? modified = null)
    {
        _fs.File.WriteAllText($"{Dir}/{name}", content);
        _fs.File.SetLastWriteTimeUtc($"{Dir}/{name}", modified ?? Written);
    }

    private ScanResult Scan(ScanScope scope) => _scanner.Scan(Dir, null, ScannedFile.HasCniExtension, thin: false, scope);

    private static string? NetworkOf(ScanResult scan, string name) => scan.Files.Single(f => f.Name == name).Parsed?.Network?.Name;

    [Fact]
    public void FullPass_UnchangedFiles_NotReadAgain()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Put("20-b.conf", CniJson.Conf("b"));
        Scan(ScanScope.Full);
        Assert.Equal(2, _probe.Reads);

        var again = Scan(ScanScope.Full);

        Assert.Equal(2, _probe.Reads);
        Assert.Equal("a", NetworkOf(again, "10-a.conf"));
    }

    [Fact]
    public void FullPass_RewriteWithinTheTimestampTick_SameSizeAndTime_StillSeen()
    {
        // Read 1 s after its mtime: within the racy window, so the next pass cannot trust size and times.
        var tick = Written.AddSeconds(59);
        Put("10-a.conf", CniJson.Conf("a"), modified: tick);
        Assert.Equal("a", NetworkOf(Scan(ScanScope.Full), "10-a.conf"));

        Put("10-a.conf", CniJson.Conf("z"), modified: tick);
        var again = Scan(ScanScope.Full);

        Assert.Equal("z", NetworkOf(again, "10-a.conf"));
        Assert.Equal(2, _probe.Reads);
    }

    [Fact]
    public void FullPass_ChangedIdentity_ReadAgain()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Scan(ScanScope.Full);

        Put("10-a.conf", CniJson.Conf("a2"), modified: Written.AddSeconds(5));

        Assert.Equal("a2", NetworkOf(Scan(ScanScope.Full), "10-a.conf"));
        Assert.Equal(2, _probe.Reads);
    }

    [Fact]
    public void Resync_AChangeIdentityCannotShow_NotStaleAfterIt()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Scan(ScanScope.Full);

        // Same size, same times: nothing but the bytes tell (a clock set back, a copy that keeps times).
        Put("10-a.conf", CniJson.Conf("b"), modified: Written);
        Assert.Equal("a", NetworkOf(Scan(ScanScope.Full), "10-a.conf"));

        Assert.Equal("b", NetworkOf(Scan(ScanScope.Fresh), "10-a.conf"));
        Assert.Equal("b", NetworkOf(Scan(ScanScope.Full), "10-a.conf"));
    }

    [Fact]
    public void NamedPass_NamedFileReadEvenIfItLooksUnchanged_OthersNotLookedAt()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Put("20-b.conf", CniJson.Conf("b"));
        Scan(ScanScope.Full);

        Put("10-a.conf", CniJson.Conf("x"), modified: Written);
        Put("20-b.conf", CniJson.Conf("y"), modified: Written.AddSeconds(9));
        var named = Scan(ScanScope.Changed(new HashSet<string> { "10-a.conf" }));

        Assert.Equal("x", NetworkOf(named, "10-a.conf"));
        Assert.Equal("b", NetworkOf(named, "20-b.conf"));
        Assert.Equal(3, _probe.Reads);
    }

    [Fact]
    public void NamedPass_AddedAndRemovedNames_ListingFollows()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Put("30-c.conf", CniJson.Conf("c"));
        Scan(ScanScope.Full);

        Put("20-b.conf", CniJson.Conf("b"));
        _fs.File.Delete($"{Dir}/30-c.conf");
        var named = Scan(ScanScope.Changed(new HashSet<string> { "20-b.conf", "30-c.conf", "never-existed.conf" }));

        Assert.Equal(["10-a.conf", "20-b.conf"], named.Files.Select(f => f.Name));
        Assert.True(named.Lists("20-b.conf"));
        Assert.False(named.Lists("30-c.conf"));
        Assert.Equal(2, _scanner.Cache.Count);
    }

    [Fact]
    public void ChangedFileInTenThousand_ReadAlone()
    {
        using var dir = new TempDirectory();
        for (var i = 0; i < 10_000; i++)
        {
            File.WriteAllText(dir.Combine($"20-n{i:D5}.conflist"), CniJson.List($"n{i}"));
        }

        // Read "later" than the files were written, so none is racily clean.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        var scanner = new CniDirectoryScanner(new FileSystem(), new LibcFileProbe(), time);
        ScanResult Run(ScanScope scope) => scanner.Scan(dir.Path, null, ScannedFile.HasCniExtension, thin: false, scope);
        Run(ScanScope.Full);
        Assert.Equal(10_000, scanner.Reads);

        File.WriteAllText(dir.Combine("20-n04242.conflist"), CniJson.List("changed"));
        var named = Run(ScanScope.Changed(new HashSet<string> { "20-n04242.conflist" }));
        Assert.Equal(10_001, scanner.Reads);
        Assert.Equal("changed", named.Files.Single(f => f.Name == "20-n04242.conflist").Parsed!.Network!.Name);

        // A full pass checks every identity and reads only the file that changed since.
        File.WriteAllText(dir.Combine("20-n00007.conflist"), CniJson.List("changed-too") + " ");
        var full = Run(ScanScope.Full);
        Assert.Equal(10_002, scanner.Reads);
        Assert.Equal("changed-too", full.Files.Single(f => f.Name == "20-n00007.conflist").Parsed!.Network!.Name);
        Assert.Equal(10_000, full.Files.Count);
    }

    [Fact]
    public void ManyPassesWithChurn_StructuresBoundedByTheDirectory()
    {
        var memory = new PrimaryMemory();
        var rules = new SettingsBuilder().Set("Primary__Prefer", "type:bridge").Build().Primary;
        var eligibility = new Eligibility(["00-multus.conf"], null);
        for (var pass = 0; pass < 1_000; pass++)
        {
            // 50 files stay, one comes and one goes every pass, each with its own junk reason.
            if (pass == 0)
            {
                for (var i = 0; i < 50; i++)
                {
                    Put($"10-stay-{i:D2}.conf", CniJson.Conf($"stay{i}"));
                }
            }

            Put($"50-churn-{pass:D4}.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"x" + pass + "\",\"type\":");
            if (pass > 0)
            {
                _fs.File.Delete($"{Dir}/50-churn-{pass - 1:D4}.conf");
            }

            var scope = pass % 10 == 0 ? ScanScope.Full : ScanScope.Changed(new HashSet<string> { $"50-churn-{pass:D4}.conf", $"50-churn-{pass - 1:D4}.conf" });
            var scan = Scan(scope);
            memory.Decide(scan, Dir, rules, eligibility, TimeSpan.FromSeconds(pass));
            Assert.Equal(51, scan.Files.Count);
        }

        Assert.Equal(51, _scanner.Cache.Count);
        Assert.Equal(51, memory.Verdicts.Count);
        Assert.InRange(_scanner.Cache.PooledStrings, 1, StringPool.MaxEntries);
        Assert.Equal(1_050, _probe.Reads);
    }

    [Fact]
    public void OtherDirectoryOrMode_ForgetsEverything()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Scan(ScanScope.Full);

        _scanner.Scan(Dir, null, ScannedFile.HasCniExtension, thin: true, ScanScope.Full);

        Assert.Equal(2, _probe.Reads);
    }

    [Fact]
    public void FullPass_UnchangedDirectory_NotListedAgain_AnAddedEntryIsSeen()
    {
        using var dir = new TempDirectory();
        dir.Write("10-a.conf", CniJson.Conf("a"));
        dir.Write("20-b.conf", CniJson.Conf("b"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        var scanner = new CniDirectoryScanner(new FileSystem(), new LibcFileProbe(), time);
        ScanResult Run() => scanner.Scan(dir.Path, null, ScannedFile.HasCniExtension, thin: false, ScanScope.Full);
        Run();
        Assert.Equal(1, scanner.Listings);

        // The directory's mtime and ctime are as they were: its listing is still current.
        Assert.Equal(2, Run().Files.Count);
        Assert.Equal(1, scanner.Listings);

        // An entry added (or removed, or renamed) stamps the directory: listed again, and seen.
        dir.Write("05-c.conf", CniJson.Conf("c"));
        var after = Run();
        Assert.Equal(2, scanner.Listings);
        Assert.Equal(["05-c.conf", "10-a.conf", "20-b.conf"], after.Files.Select(f => f.Name));

        File.Delete(dir.Combine("10-a.conf"));
        Assert.Equal(["05-c.conf", "20-b.conf"], Run().Files.Select(f => f.Name));
    }

    [Fact]
    public void FullPass_DirectoryChangedWithinTheRacyWindow_ListedAgain()
    {
        using var dir = new TempDirectory();
        dir.Write("10-a.conf", CniJson.Conf("a"));

        // The clock reads the directory's own change time: a change in the same tick could hide, so it is not trusted.
        var scanner = new CniDirectoryScanner(new FileSystem(), new LibcFileProbe(), TimeProvider.System);
        scanner.Scan(dir.Path, null, ScannedFile.HasCniExtension, thin: false, ScanScope.Full);
        scanner.Scan(dir.Path, null, ScannedFile.HasCniExtension, thin: false, ScanScope.Full);

        Assert.Equal(2, scanner.Listings);
    }

    [Fact]
    public void Resync_SameBytes_SameObjectsNoParse_ChangedBytesParsed()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Put("20-b.conf", CniJson.Conf("b"));
        var first = Scan(ScanScope.Full);
        Assert.Equal(2, _scanner.Parses);

        Put("20-b.conf", CniJson.Conf("B"), modified: Written);
        var resync = Scan(ScanScope.Fresh);

        // Every file read again; only the one whose bytes changed parsed again, the other is the very same object.
        Assert.Equal(4, _scanner.Reads);
        Assert.Equal(3, _scanner.Parses);
        Assert.Same(first.Files[0], resync.Files[0]);
        Assert.Equal("B", NetworkOf(resync, "20-b.conf"));
    }

    [Fact]
    public void Resync_ConflistReadingAPluginDirectory_ParsedAgainEvenWithTheSameBytes()
    {
        // A conflist named "net" reads the plugin directory <CniDir>/net/ (libcni): its verdict depends on more than its bytes.
        Put("10-net.conflist", CniJson.List("net"));
        _fs.Directory.CreateDirectory($"{Dir}/net");
        _fs.File.WriteAllText($"{Dir}/net/10-extra.conf", CniJson.Conf("net", "portmap"));
        Scan(ScanScope.Full);
        var parses = _scanner.Parses;

        Scan(ScanScope.Fresh);

        Assert.Equal(parses + 1, _scanner.Parses);
    }
}

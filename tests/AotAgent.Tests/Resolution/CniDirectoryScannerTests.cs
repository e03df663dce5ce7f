using System.Diagnostics;
using System.IO.Abstractions;
using System.IO.Abstractions.TestingHelpers;
using System.Text;
using AotAgent.Configuration;
using AotAgent.Platform;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Resolution;

public sealed class CniDirectoryScannerTests
{
    private const string Dir = "/etc/cni/net.d";
    private static readonly AgentSettings Settings = new SettingsBuilder().Set("CniDir", Dir).Build();
    private static readonly TimeSpan Now = TimeSpan.FromHours(10);

    private static ScanResult Scan(IFileSystem fs, string dir = Dir, string? readyFile = null) =>
        new CniDirectoryScanner(fs, Probe(fs), TimeProvider.System).Scan(dir, readyFile, name => CandidateClassifier.WantsContent(name, AotAgent.Reconciliation.Reconciler.EligibilityFor(Settings)), thin: false, ScanScope.Full);

    /// <summary>The real probe on a real disk; the IFileSystem fake on MockFileSystem.</summary>
    private static IFileProbe Probe(IFileSystem fs) => fs is MockFileSystem ? new FileSystemProbe(fs) : new LibcFileProbe();

    private static Decision ScanAndResolve(IFileSystem fs, string dir = Dir, AgentSettings? settings = null) =>
        Resolve(Scan(fs, dir), settings ?? Settings);

    private static Decision Resolve(ScanResult scan, AgentSettings settings) =>
        PrimaryResolver.Resolve(scan, settings.CniDir, settings.Primary, AotAgent.Reconciliation.Reconciler.EligibilityFor(settings), null, Now);

    private static MockFileSystem Mock(params (string Name, string Content)[] files)
    {
        var fs = new MockFileSystem();
        fs.Directory.CreateDirectory(Dir);
        foreach (var (name, content) in files)
        {
            fs.File.WriteAllText($"{Dir}/{name}", content);
        }

        return fs;
    }

    private static Candidate Only(Decision d, string file) => d.Candidates.Single(c => c.File == file);

    [Fact]
    public void Scan_MissingDirectory_Missing()
    {
        var scan = Scan(new MockFileSystem());

        Assert.False(scan.DirectoryExists);
        Assert.Equal(DecisionOutcome.DirectoryMissing, Resolve(scan, Settings).Outcome);
    }

    [Fact]
    public void Scan_Entries_OrdinalOrderWithContent()
    {
        var fs = Mock(("b.conf", CniJson.Conf("b")), ("B.conf", CniJson.Conf("B")), ("10_x.conf", "{}"), ("10-x.conf", "{}"));

        var scan = Scan(fs);

        Assert.True(scan.DirectoryExists);
        Assert.True(scan.ReadyFilePresent);
        Assert.Equal(["10-x.conf", "10_x.conf", "B.conf", "b.conf"], scan.Files.Select(f => f.Name));
        Assert.Equal("b", scan.Files[3].Parsed!.Network!.Name);

        // Handed on compact: no bytes, no JSON tree (a pass over thousands of files never holds them all).
        Assert.All(scan.Files, f => Assert.Null(f.Content));
        Assert.All(scan.Files, f => Assert.Null(f.Parsed?.Network?.Json));
    }

    [Fact]
    public void Scan_NamesNotWanted_NotRead_HiddenCniNamesReadForTheRuntimeOnly()
    {
        var fs = Mock(("calico-kubeconfig", "secret"), (".hidden.conf", CniJson.Conf("hidden")), ("00-multus.conf", "{}"));

        var scan = Scan(fs);
        var d = Resolve(scan, Settings);

        Assert.Null(scan.Files.Single(f => f.Name == "calico-kubeconfig").Parsed);
        Assert.Null(scan.Files.Single(f => f.Name == "00-multus.conf").Parsed);
        Assert.Equal("hidden", scan.Files.Single(f => f.Name == ".hidden.conf").Parsed!.Network!.Name);
        Assert.Equal(Verdict.Ignored, Only(d, ".hidden.conf").Verdict);
        Assert.True(Only(d, ".hidden.conf").LoadsInLibcni);
        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
    }

    [Fact]
    public void Scan_ReadyFile_PresentOrNot()
    {
        var fs = Mock();
        Assert.False(Scan(fs, readyFile: "/run/ready").ReadyFilePresent);

        fs.Directory.CreateDirectory("/run");
        fs.File.WriteAllText("/run/ready", string.Empty);

        Assert.True(Scan(fs, readyFile: "/run/ready").ReadyFilePresent);
    }

    [Fact]
    public void Scan_EmptyFile_InvalidNotOpened()
    {
        var d = ScanAndResolve(Mock(("05-empty.conf", string.Empty), ("10-ok.conf", CniJson.Conf("ok"))));

        Assert.Equal("10-ok.conf", d.Primary!.File);
        Assert.Equal(Verdict.Invalid, Only(d, "05-empty.conf").Verdict);
        Assert.Contains("empty", Only(d, "05-empty.conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_HugeFile_InvalidWithoutReadingIt()
    {
        var fs = Mock(("10-ok.conf", CniJson.Conf("ok")));
        fs.File.WriteAllBytes($"{Dir}/05-huge.conf", new byte[CniDirectoryScanner.MaxFileBytes + 1]);

        var scan = Scan(fs);
        var d = Resolve(scan, Settings);

        Assert.Null(scan.Files.Single(f => f.Name == "05-huge.conf").Content);
        Assert.Equal(Verdict.Invalid, Only(d, "05-huge.conf").Verdict);
        Assert.Equal("larger than 1024 KiB (1048577 bytes)" + CniConfigParser.AgentRule, Only(d, "05-huge.conf").Reason);
        Assert.True(Only(d, "05-huge.conf").LoadsInLibcni);
        Assert.Equal("10-ok.conf", d.Primary!.File);
    }

    [Fact]
    public void Scan_FileOfExactlyOneMiB_Read()
    {
        var padding = new string(' ', CniDirectoryScanner.MaxFileBytes - CniJson.Conf("ok").Length);
        var fs = Mock(("10-ok.conf", CniJson.Conf("ok") + padding));

        var d = ScanAndResolve(fs);

        Assert.Equal("10-ok.conf", d.Primary!.File);
    }

    [Fact]
    public void Scan_DeeplyNested_InvalidWithReason()
    {
        // One level more than Go's decoder allows: libcni refuses it too.
        var fs = Mock(("05-deep.conf", new string('[', 10_001) + new string(']', 10_001)), ("10-ok.conf", CniJson.Conf("ok")));

        var d = ScanAndResolve(fs);

        Assert.Equal(Verdict.Invalid, Only(d, "05-deep.conf").Verdict);
        Assert.StartsWith("nested deeper than 10000 levels", Only(d, "05-deep.conf").Reason, StringComparison.Ordinal);
        Assert.False(Only(d, "05-deep.conf").LoadsInLibcni);
        Assert.Equal("10-ok.conf", d.Primary!.File);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    public void Scan_NetworkNamedLikeCniDir_ItsConfFilesAreThePluginDirectory(string name)
    {
        // libcni joins CniDir and the name, so every .conf in CniDir joins the chain and a bad one fails the list.
        var list = $"{{\"cniVersion\":\"1.0.0\",\"name\":\"{name}\",\"plugins\":[{{\"type\":\"bridge\"}}]}}";
        var good = ScanAndResolve(Mock(("10-a.conflist", list), ("50-ok.conf", CniJson.Conf("ok"))));
        var bad = ScanAndResolve(Mock(("10-a.conflist", list), ("50-ok.conf", CniJson.Conf("ok")), ("99-bad.conf", "{\"name\":\"bad\"}")));

        Assert.Equal(Verdict.Invalid, Only(good, "10-a.conflist").Verdict);
        Assert.True(Only(good, "10-a.conflist").LoadsInLibcni);
        Assert.Contains("99-bad.conf has no \"type\" string, so libcni refuses the list", Only(bad, "10-a.conflist").Reason, StringComparison.Ordinal);
        Assert.False(Only(bad, "10-a.conflist").LoadsInLibcni);
    }

    [Fact]
    public void Scan_InvalidUtf8AndBom_InvalidDuplicateKeysValidAsGoReadsThem()
    {
        var fs = Mock(("03-dup.conf", "{\"cniVersion\":\"0.4.0\",\"name\":\"a\",\"type\":\"t\",\"type\":\"u\"}"), ("10-ok.conf", CniJson.Conf("ok")));
        fs.File.WriteAllBytes($"{Dir}/01-utf8.conf", [.. CniJson.Bytes("{\"cniVersion\":\"0.4.0\",\"type\":\"t\",\"name\":\""), 0xC3, 0x28, .. CniJson.Bytes("\"}")]);
        fs.File.WriteAllBytes($"{Dir}/02-bom.conf", [0xEF, 0xBB, 0xBF, .. CniJson.Bytes(CniJson.Conf("bom"))]);

        var d = ScanAndResolve(fs);

        Assert.All(["01-utf8.conf", "02-bom.conf"], f => Assert.Equal(Verdict.Invalid, Only(d, f).Verdict));
        Assert.Contains("byte order mark", Only(d, "02-bom.conf").Reason, StringComparison.Ordinal);
        Assert.Equal("03-dup.conf", d.Primary!.File);
        Assert.Equal("u", d.Primary.Network!.MainType);
        Assert.NotEmpty(d.Primary.Network.Warnings);
    }

    [Fact]
    public void Scan_DirectoryNamedLikeConf_IgnoredAsDirectory()
    {
        var fs = Mock(("10-ok.conf", CniJson.Conf("ok")));
        fs.Directory.CreateDirectory($"{Dir}/05-dir.conf");

        var scan = Scan(fs);
        var d = Resolve(scan, Settings);

        Assert.True(scan.Files.Single(f => f.Name == "05-dir.conf").IsDirectory);
        Assert.Equal(Verdict.Ignored, Only(d, "05-dir.conf").Verdict);
        Assert.Equal("a directory", Only(d, "05-dir.conf").Reason);
        Assert.Equal("10-ok.conf", d.Primary!.File);
    }

    [Fact]
    public void Scan_ThousandsOfFiles_EachGetsAVerdictAndReason()
    {
        var fs = Mock();
        for (var i = 0; i < 5_000; i++)
        {
            var content = (i % 4) switch
            {
                0 => CniJson.Conf("n" + i),
                1 => "{broken",
                2 => string.Empty,
                _ => CniJson.List("l" + i),
            };
            var ext = (i % 3) switch { 0 => ".conf", 1 => ".conflist", _ => ".txt" };
            fs.File.WriteAllText($"{Dir}/{i:D5}{ext}", content);
        }

        var d = ScanAndResolve(fs);

        Assert.Equal(5_000, d.Candidates.Count);
        Assert.All(d.Candidates, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
        Assert.Equal(DecisionOutcome.Selected, d.Outcome);
        Assert.Equal("00000.conf", d.Primary!.File);
        Assert.Equal(d.Candidates.Select(c => c.File).Order(StringComparer.Ordinal), d.Candidates.Select(c => c.File));
    }

    [Fact]
    public void Scan_SymlinkInsideDirectory_Followed()
    {
        using var dir = new TempDirectory();
        dir.Write("real.json.bak", CniJson.Conf("real"));
        File.CreateSymbolicLink(dir.Combine("10-link.conf"), "real.json.bak");

        var d = ScanAndResolve(new FileSystem(), dir.Path);

        Assert.Equal("10-link.conf", d.Primary!.File);
        Assert.Equal("real", d.Primary.Network!.Name);
    }

    [Fact]
    public void Scan_SymlinkPointingOutside_NeverReadNorSelected()
    {
        using var root = new TempDirectory();
        var cni = root.Combine("net.d");
        Directory.CreateDirectory(cni);
        root.Write("outside.conflist", CniJson.List("outside-secret"));
        File.WriteAllText(Path.Combine(cni, "20-inside.conflist"), CniJson.List("inside"));
        File.CreateSymbolicLink(Path.Combine(cni, "05-escape.conflist"), "../outside.conflist");
        File.CreateSymbolicLink(Path.Combine(cni, "06-absolute.conflist"), root.Combine("outside.conflist"));

        var scan = Scan(new FileSystem(), cni);
        var d = Resolve(scan, Settings);

        Assert.Equal("20-inside.conflist", d.Primary!.File);
        foreach (var name in new[] { "05-escape.conflist", "06-absolute.conflist" })
        {
            Assert.Null(scan.Files.Single(f => f.Name == name).Content);
            Assert.Equal(Verdict.Ignored, Only(d, name).Verdict);
            Assert.Contains("outside CniDir", Only(d, name).Reason, StringComparison.Ordinal);
            Assert.Null(Only(d, name).Network);
        }

        Assert.DoesNotContain(d.Candidates, c => c.Network?.Name == "outside-secret");
    }

    [Fact]
    public void Scan_SymlinkThroughLinkedSubdirectory_NeverReadOutside()
    {
        // 05-sneaky.conflist -> sub/outside.conflist looks inside CniDir by its path, but "sub" links out of it.
        using var root = new TempDirectory();
        var cni = root.Combine("net.d");
        Directory.CreateDirectory(cni);
        Directory.CreateDirectory(root.Combine("secret"));
        File.WriteAllText(root.Combine("secret/outside.conflist"), CniJson.List("outside-secret"));
        Directory.CreateSymbolicLink(Path.Combine(cni, "sub"), root.Combine("secret"));
        File.CreateSymbolicLink(Path.Combine(cni, "05-sneaky.conflist"), "sub/outside.conflist");

        var scan = Scan(new FileSystem(), cni);
        var d = Resolve(scan, Settings);

        Assert.Null(scan.Files.Single(f => f.Name == "05-sneaky.conflist").Content);
        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
        Assert.DoesNotContain(d.Candidates, c => c.Network?.Name == "outside-secret");
    }

    [Fact]
    public void Scan_SymlinkIntoRealSubdirectory_NotFollowed()
    {
        // Only links to files directly in CniDir are followed: a subdirectory path cannot be told apart from one
        // that passes through a link without resolving every component.
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("sub"));
        dir.Write("sub/real.conf", CniJson.Conf("nested"));
        File.CreateSymbolicLink(dir.Combine("05-nested.conf"), "sub/real.conf");

        var d = ScanAndResolve(new FileSystem(), dir.Path);

        Assert.Equal(Verdict.Ignored, Only(d, "05-nested.conf").Verdict);
        Assert.Contains("in a subdirectory", Only(d, "05-nested.conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SymlinkOutsideOnlyValidConfig_NoPrimary()
    {
        using var root = new TempDirectory();
        var cni = root.Combine("net.d");
        Directory.CreateDirectory(cni);
        root.Write("outside.conflist", CniJson.List("outside-secret"));
        File.CreateSymbolicLink(Path.Combine(cni, "05-escape.conflist"), "../outside.conflist");

        var d = ScanAndResolve(new FileSystem(), cni);

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
    }

    [Fact]
    public void Scan_CniDirIsASymlink_LinksInsideStillInside()
    {
        // e.g. k3s: /etc/cni/net.d -> /var/lib/rancher/k3s/agent/etc/cni/net.d
        using var root = new TempDirectory();
        var real = root.Combine("real");
        Directory.CreateDirectory(real);
        File.WriteAllText(Path.Combine(real, "primary.json.orig"), CniJson.Conf("inside"));
        File.CreateSymbolicLink(Path.Combine(real, "10-link.conf"), "primary.json.orig");
        Directory.CreateSymbolicLink(root.Combine("net.d"), real);

        var d = ScanAndResolve(new FileSystem(), root.Combine("net.d"));

        Assert.Equal("10-link.conf", d.Primary?.File);
    }

    [Fact]
    public void Scan_SymlinkLoopAndDangling_InvalidWithReason()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(dir.Combine("01-loop-a.conf"), "01-loop-b.conf");
        File.CreateSymbolicLink(dir.Combine("01-loop-b.conf"), "01-loop-a.conf");
        File.CreateSymbolicLink(dir.Combine("02-self.conf"), "02-self.conf");
        File.CreateSymbolicLink(dir.Combine("03-dangling.conf"), "gone.conf");
        dir.Write("10-ok.conf", CniJson.Conf("ok"));

        var d = ScanAndResolve(new FileSystem(), dir.Path);

        Assert.Equal("10-ok.conf", d.Primary!.File);
        foreach (var name in new[] { "01-loop-a.conf", "01-loop-b.conf", "02-self.conf", "03-dangling.conf" })
        {
            Assert.Equal(Verdict.Invalid, Only(d, name).Verdict);
            Assert.False(string.IsNullOrWhiteSpace(Only(d, name).Reason));
        }

        Assert.Contains("does not exist", Only(d, "03-dangling.conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SymlinkToDirectory_Ignored()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("sub"));
        Directory.CreateSymbolicLink(dir.Combine("05-dirlink.conf"), "sub");
        dir.Write("10-ok.conf", CniJson.Conf("ok"));

        var d = ScanAndResolve(new FileSystem(), dir.Path);

        Assert.Equal("10-ok.conf", d.Primary!.File);
        Assert.Equal(Verdict.Ignored, Only(d, "05-dirlink.conf").Verdict);
        Assert.Contains("directory", Only(d, "05-dirlink.conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_Fifo_ReturnsPromptlyWithVerdict()
    {
        using var dir = new TempDirectory();
        dir.Write("10-ok.conf", CniJson.Conf("ok"));
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", dir.Combine("05-pipe.conf")) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // A scan that opened the pipe would block forever waiting for a writer; the generous bound only catches a hang.
        var scan = Task.Run(() => ScanAndResolve(new FileSystem(), dir.Path));
        var finished = await Task.WhenAny(scan, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(scan, finished);
        var d = await scan;
        Assert.Equal("10-ok.conf", d.Primary!.File);
        Assert.Equal(Verdict.Invalid, Only(d, "05-pipe.conf").Verdict);
        Assert.Contains("not a regular file", Only(d, "05-pipe.conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_UnreadableFile_VerdictEitherWay()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("05-locked.conf", CniJson.Conf("locked"));
        dir.Write("10-ok.conf", CniJson.Conf("ok"));
        File.SetUnixFileMode(path, UnixFileMode.None);

        var d = ScanAndResolve(new FileSystem(), dir.Path);

        // As root, mode 000 does not stop reads (CAP_DAC_OVERRIDE): then the file is simply valid and sorts first.
        var readable = CanRead(path);
        var locked = Only(d, "05-locked.conf");
        if (readable)
        {
            Assert.Equal("05-locked.conf", d.Primary!.File);
        }
        else
        {
            Assert.Equal(Verdict.Invalid, locked.Verdict);
            Assert.StartsWith("unreadable", locked.Reason, StringComparison.Ordinal);
            Assert.Equal("10-ok.conf", d.Primary!.File);
        }
    }

    private static bool CanRead(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public void Scan_RealDirectoryWithEveryHostileEntry_NothingCrashesEachHasReason()
    {
        using var root = new TempDirectory();
        var cni = root.Combine("net.d");
        Directory.CreateDirectory(cni);
        root.Write("outside.conf", CniJson.Conf("outside"));
        File.WriteAllText(Path.Combine(cni, "01-empty.conf"), string.Empty);
        File.WriteAllBytes(Path.Combine(cni, "02-huge.conf"), new byte[CniDirectoryScanner.MaxFileBytes + 10]);
        File.WriteAllText(Path.Combine(cni, "03-deep.conf"), new string('{', 10_000));
        File.WriteAllBytes(Path.Combine(cni, "04-latin1.conf"), Encoding.Latin1.GetBytes("{\"name\":\"caf\u00e9\",\"type\":\"t\",\"cniVersion\":\"0.4.0\"}"));
        File.CreateSymbolicLink(Path.Combine(cni, "05-escape.conf"), "../outside.conf");
        Directory.CreateDirectory(Path.Combine(cni, "06-dir.conflist"));
        File.WriteAllText(Path.Combine(cni, "99-ok.conflist"), CniJson.List("ok"));

        var d = ScanAndResolve(new FileSystem(), cni);

        Assert.Equal("99-ok.conflist", d.Primary!.File);
        Assert.Equal(7, d.Candidates.Count);
        Assert.All(d.Candidates.Where(c => c.File != "99-ok.conflist"), c => Assert.NotEqual(Verdict.Eligible, c.Verdict));
        Assert.All(d.Candidates, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void Scan_MoreEntriesThanTheLimit_NoChoiceFromAPartialListing()
    {
        var fs = Mock(("10-ok.conf", CniJson.Conf("ok")));
        for (var i = 0; i < 11; i++)
        {
            fs.File.WriteAllText($"{Dir}/junk-{i:D2}", "x");
        }

        var scan = new CniDirectoryScanner(fs, new FileSystemProbe(fs), TimeProvider.System, maxEntries: 10).Scan(Dir, null, _ => true, thin: false, ScanScope.Full);
        var d = Resolve(scan, Settings);

        Assert.True(scan.TooLarge);
        Assert.Empty(scan.Files);
        Assert.Equal(DecisionOutcome.DirectoryTooLarge, d.Outcome);
        Assert.Null(d.Primary);
        Assert.Contains("does not choose from a partial listing", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ConflistWithPluginDirectory_ItsConfFilesJoinTheChain()
    {
        var fs = Mock(("10-n.conflist", CniJson.List("n", "1.1.0", ["bridge"])));
        fs.Directory.CreateDirectory($"{Dir}/n");
        fs.File.WriteAllText($"{Dir}/n/20-b.conf", "{\"type\":\"tuning\"}");
        fs.File.WriteAllText($"{Dir}/n/10-a.conf", "{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true}}");
        fs.File.WriteAllText($"{Dir}/n/30-c.conflist", "{\"junk\":");

        var d = ScanAndResolve(fs);

        Assert.Equal(["bridge", "portmap", "tuning"], d.Primary!.Network!.PluginTypes);
        Assert.Contains("portMappings", d.Primary.Network.Capabilities);
        Assert.Contains(d.Primary.Network.Warnings, w => w.Contains("appends 2 plugin(s) from n/", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_PluginDirectoryFileBroken_TheListDoesNotLoad()
    {
        var fs = Mock(("10-n.conflist", CniJson.List("n", "1.1.0", ["bridge"])), ("20-m.conflist", CniJson.List("m")));
        fs.Directory.CreateDirectory($"{Dir}/n");
        fs.File.WriteAllText($"{Dir}/n/10-p.conf", "{\"type\":");

        var d = ScanAndResolve(fs);

        Assert.Equal(Verdict.Invalid, Only(d, "10-n.conflist").Verdict);
        Assert.StartsWith("n/10-p.conf: not valid JSON", Only(d, "10-n.conflist").Reason, StringComparison.Ordinal);
        Assert.False(Only(d, "10-n.conflist").LoadsInLibcni);
        Assert.Equal("20-m.conflist", d.Primary!.File);
    }

    [Fact]
    public void Scan_RegularFileNamedLikeTheNetwork_TheListDoesNotLoad()
    {
        var fs = Mock(("10-n.conflist", CniJson.List("n")), ("n", "not a directory"));

        var d = ScanAndResolve(fs);

        Assert.Equal(Verdict.Invalid, Only(d, "10-n.conflist").Verdict);
        Assert.Contains("libcni expects its plugin directory", Only(d, "10-n.conflist").Reason, StringComparison.Ordinal);
    }
}

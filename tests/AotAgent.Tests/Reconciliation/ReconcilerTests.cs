using AotAgent.Configuration;
using AotAgent.Output;
using AotAgent.Reconciliation;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    private const string Dir = "/etc/cni/net.d";
    private readonly FaultyFileSystem _fs = new();
    private readonly RecordingDirectorySync _sync = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    public ReconcilerTests() => _fs.Directory.CreateDirectory(Dir);

    /// <summary>A fresh pipeline, as a one-shot verb gets: no remembered primary, no claim on the output.</summary>
    private Reconciler Reconciler() => Pipeline.Create(_fs, new FileSystemProbe(_fs), _sync, _time);

    private static AgentSettings Settings(params (string Key, string Value)[] sets)
    {
        var builder = new SettingsBuilder().Set("CniDir", Dir);
        foreach (var (key, value) in sets)
        {
            builder.Set(key, value);
        }

        return builder.Build();
    }

    private void Put(string name, string content) => _fs.File.WriteAllText($"{Dir}/{name}", content);

    private string[] Names() =>
        _fs.Directory.EnumerateFileSystemEntries(Dir).Select(p => _fs.Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Run_ValidPrimary_WritesOutputThatLoadsFirst()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni", types: ["aws-cni"]));

        var pass = Reconciler().Run(Settings(), write: true);

        Assert.Equal(DecisionOutcome.Selected, pass.Decision.Outcome);
        Assert.Equal(PassOutcome.Written, pass.Outcome);
        Assert.Equal("00-multus.conf", pass.OutputFile);
        Assert.True(pass.OutputUpToDate);
        Assert.Equal("00-multus.conf", pass.Runtime.File);
        Assert.Equal(RuntimeLoad.LoadsOutput, pass.Runtime.State);
        Assert.Equal(pass.Rendered!.Content, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));
        Assert.Equal(OutputState.None, pass.OutputBefore);
        Assert.Equal([Dir], _sync.Flushed);
    }

    [Fact]
    public void Run_SecondPass_UnchangedAndUpToDate()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));
        var first = Reconciler().Run(Settings(), write: true);

        var second = Reconciler().Run(Settings(), write: true);

        Assert.Equal(PassOutcome.Unchanged, second.Outcome);
        Assert.True(second.OutputUpToDate);
        Assert.Equal("00-multus.conf", second.OutputBefore.FileName);
        Assert.Equal(first.Rendered!.Content, second.OutputBefore.Content);
    }

    [Fact]
    public void Run_OutputNameFlips_OldNameRemovedAfterNewInPlace()
    {
        Put("00-multus.conf", """{"cniVersion":"0.4.0","name":"multus-cni-network","type":"multus","delegates":[]}""");
        Put("10-dbnet.conflist", CniJson.List("dbnet", "1.1.0"));

        var pass = Reconciler().Run(Settings(("Multus__Mode", "thin")), write: true);

        Assert.Equal("00-multus.conflist", pass.TargetFile);
        Assert.Equal(["00-multus.conflist", "10-dbnet.conflist"], Names());
        Assert.Equal("00-multus.conflist", pass.Runtime.File);
        Assert.Equal(RuntimeLoad.LoadsOutput, pass.Runtime.State);
        Assert.Equal("00-multus.conf", pass.OutputBefore.FileName);
    }

    [Fact]
    public void Run_OtherFileSortsFirst_ShadowedAndNamed()
    {
        Put("00-early.conf", CniJson.Conf("early"));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(("Primary__Prefer", "file:10-aws.conflist")), write: true);

        Assert.Equal("00-early.conf", pass.Runtime.File);
        Assert.Equal(RuntimeLoad.Shadowed, pass.Runtime.State);
    }

    [Fact]
    public void Run_HiddenCniFileSortsFirst_CountsForRuntime()
    {
        // containerd's libcni.ConfFiles does not skip dot files: a hidden .conf sorting first is what it loads.
        Put(".00-hidden.conf", CniJson.Conf("hidden"));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(), write: true);

        Assert.Equal("10-aws.conflist", pass.Decision.Primary!.File);
        Assert.Equal(".00-hidden.conf", pass.Runtime.File);
        Assert.Equal(RuntimeLoad.Shadowed, pass.Runtime.State);
    }

    [Fact]
    public void Run_DirectoryAndNonCniNamesSortingFirst_DoNotCountForRuntime()
    {
        _fs.Directory.CreateDirectory($"{Dir}/0-dir.conf");
        Put("0-notes.txt", "x");
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(), write: true);

        Assert.Equal("00-multus.conf", pass.Runtime.File);
        Assert.Equal(RuntimeLoad.LoadsOutput, pass.Runtime.State);
    }

    [Fact]
    public void Run_DryRun_WritesNothing()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(("DryRun", "true")), write: true);

        Assert.Equal(PassOutcome.DryRun, pass.Outcome);
        Assert.NotNull(pass.Rendered);
        Assert.False(pass.OutputUpToDate);
        Assert.Equal(["10-aws.conflist"], Names());
        Assert.Empty(_sync.Flushed);
        Assert.Equal("10-aws.conflist", pass.Runtime.File);
    }

    [Fact]
    public void Run_ForeignWriterPastBudget_BacksOffWritesNothingAndSeesOutputAsFound()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));
        var settings = Settings(("Output__ConflictBudget", "1"));
        var sut = Reconciler();
        sut.Run(settings, write: true);
        Put("00-multus.conf", "{\"type\":\"kuma-cni\"}");
        var restored = sut.Run(settings, write: true);
        Put("00-multus.conf", "{\"type\":\"istio-cni\"}");

        var pass = sut.Run(settings, write: true);

        Assert.Equal(PassOutcome.Written, restored.Outcome);
        Assert.NotNull(restored.Ownership.Change);
        Assert.Equal(PassOutcome.Backoff, pass.Outcome);
        Assert.True(pass.Ownership.Backoff);
        Assert.True(pass.Ownership.BackoffStarted);
        Assert.Equal("rewritten", pass.Ownership.Change!.Change);
        Assert.Contains("chained CNI installer", pass.Ownership.Change.LikelyCause, StringComparison.Ordinal);
        Assert.Equal("00-multus.conf", pass.OutputBefore.FileName);
        Assert.Equal("{\"type\":\"istio-cni\"}", System.Text.Encoding.UTF8.GetString(pass.OutputBefore.Content!));
        Assert.Equal("{\"type\":\"istio-cni\"}", _fs.File.ReadAllText($"{Dir}/00-multus.conf"));
        Assert.False(pass.OutputUpToDate);
    }

    [Fact]
    public void Run_NoPrimary_KeepsOutputAndWritesNothing()
    {
        Put("00-multus.conf", "{\"kept\":true}");
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(("Primary__Prefer", "type:calico")), write: true);

        Assert.Equal(DecisionOutcome.NoPrimary, pass.Decision.Outcome);
        Assert.Null(pass.Rendered);
        Assert.Equal("{\"kept\":true}", _fs.File.ReadAllText($"{Dir}/00-multus.conf"));
        Assert.Equal("00-multus.conf", pass.OutputFile);
        Assert.Equal("00-multus.conf", pass.Runtime.File);
    }

    [Fact]
    public void Run_DirectoryMissing_NothingWritten()
    {
        var pass = Reconciler().Run(Settings(("CniDir", "/missing")), write: true);

        Assert.Equal(DecisionOutcome.DirectoryMissing, pass.Decision.Outcome);
        Assert.Null(pass.Runtime.File);
        Assert.False(_fs.Directory.Exists("/missing"));
    }

    [Fact]
    public void Run_PrimaryTurnsInvalid_HeldThenSwitchesAfterGrace()
    {
        Put("10-a.conf", CniJson.Conf("a"));
        Put("20-b.conf", CniJson.Conf("b"));
        var settings = Settings();
        var sut = Reconciler();
        sut.Run(settings, write: true);
        var output = _fs.File.ReadAllBytes($"{Dir}/00-multus.conf");
        Put("10-a.conf", "{\"cniVersion\":");

        _time.Advance(TimeSpan.FromSeconds(1));
        var held = sut.Run(settings, write: true);
        Assert.Equal(DecisionOutcome.Held, held.Decision.Outcome);
        Assert.Equal(PassOutcome.Held, held.Outcome);
        Assert.Equal(output, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));

        _time.Advance(settings.Primary.InvalidGrace);
        var switched = sut.Run(settings, write: true);
        Assert.Equal("20-b.conf", switched.Decision.Primary!.File);
        Assert.Contains("20-b.conf", _fs.File.ReadAllText($"{Dir}/00-multus.conf"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DaemonConfigAuto_FindingReported()
    {
        _fs.Directory.CreateDirectory("/etc/multus");
        _fs.File.WriteAllText("/etc/multus/daemon-config.json", File.ReadAllText(TestPaths.CorpusFile("multus-thick-upstream__daemon-config.json")));
        Put("10-aws.conflist", CniJson.List("aws-cni"));

        var pass = Reconciler().Run(Settings(("Multus__DaemonConfig", "/etc/multus/daemon-config.json")), write: false);

        Assert.Contains(pass.DaemonConfigFindings, f => f.StartsWith("multusConfigFile is \"auto\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_DaemonConfigEdited_FindingsFollowTheFile()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni", types: ["aws-cni"]));
        _fs.Directory.CreateDirectory("/etc/multus");
        _fs.File.WriteAllText("/etc/multus/daemon-config.json", """{"multusConfigFile":"auto"}""");
        var settings = Settings(("Multus__DaemonConfig", "/etc/multus/daemon-config.json"));
        var sut = Reconciler();

        Assert.Contains(sut.Run(settings, write: false).DaemonConfigFindings, f => f.Contains("auto", StringComparison.Ordinal));

        // Fixed by the operator: the next pass sees it (the findings are cached only while the file is unchanged).
        _fs.File.WriteAllText("/etc/multus/daemon-config.json", """{"multusConfigFile":"/etc/multus/unused.conf","cniConfigDir":"/host/etc/cni/net.d","cniVersion":"0.3.1"}""");
        _fs.File.SetLastWriteTimeUtc("/etc/multus/daemon-config.json", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Empty(sut.Run(settings, write: false).DaemonConfigFindings);
    }

    /// <summary>
    /// A restart while the preferred primary is being rewritten non-atomically (Calico, Weave, Kube-OVN at boot): the
    /// new process reads back which file the output delegates to and holds it for the grace, instead of flipping.
    /// </summary>
    [Theory]
    [InlineData("thick")]
    [InlineData("thin")]
    public void Run_RestartWhileThePrimaryInForceIsMidWrite_HeldNotFlipped(string mode)
    {
        Put("10-a.conflist", CniJson.List("a-net", types: ["calico"]));
        Put("11-b.conflist", CniJson.List("b-net", types: ["flannel"]));
        var settings = Settings(("Primary__Prefer", "file:10-a.conflist,file:11-b.conflist"), ("Multus__Mode", mode));
        Reconciler().Run(settings, write: true);
        var output = _fs.File.ReadAllBytes($"{Dir}/00-multus.conf");
        Put("10-a.conflist", "{\"cniVersion\":\"0.4.0\",\"na");

        var restarted = Reconciler();
        var first = restarted.Run(settings, write: true);

        Assert.Equal(DecisionOutcome.Held, first.Decision.Outcome);
        Assert.Equal("10-a.conflist", first.Decision.Primary!.File);
        Assert.Equal(output, _fs.File.ReadAllBytes($"{Dir}/00-multus.conf"));

        _time.Advance(settings.Primary.InvalidGrace);
        var later = restarted.Run(settings, write: true);
        Assert.Equal("11-b.conflist", later.Decision.Primary!.File);
    }

    [Fact]
    public void Run_RestartWithThePrimaryInForceValid_NoHoldTheRulesDecide()
    {
        Put("10-a.conflist", CniJson.List("a-net"));
        Put("11-b.conflist", CniJson.List("b-net"));
        Reconciler().Run(Settings(("Primary__Prefer", "file:10-a.conflist")), write: true);

        var pass = Reconciler().Run(Settings(("Primary__Prefer", "file:11-b.conflist")), write: true);

        Assert.Equal("11-b.conflist", pass.Decision.Primary!.File);
        Assert.Equal(PassOutcome.Written, pass.Outcome);
    }

    [Fact]
    public void Run_RuntimeCrioPinnedAwayFromMultus_ReportedAsBypass()
    {
        Put("10-aws.conflist", CniJson.List("aws-cni"));
        _fs.Directory.CreateDirectory("/crio");
        _fs.File.WriteAllText("/crio/crio.conf", "[crio.network]\ncni_default_network = \"aws-cni\"\n");

        var pass = Reconciler().Run(Settings(("Runtime__Kind", "crio"), ("Runtime__CrioConfigDir", "/crio")), write: true);

        Assert.Equal(RuntimeLoad.PinBypassesMultus, pass.Runtime.State);
        Assert.True(pass.RuntimeMisses);
    }

    [Fact]
    public void Run_PrimaryChangesBetweenScanAndWholeRead_LooksAgainAndRendersWhatItChose()
    {
        Put("10-a.conflist", CniJson.List("net", types: ["bridge"]));
        var probe = new FileSystemProbe(_fs);
        var reads = 0;
        probe.AfterRead = _ =>
        {
            // The scan's read is followed by a rewrite: the whole read then disagrees with what was chosen.
            if (++reads == 1)
            {
                Put("10-a.conflist", CniJson.List("net", types: ["ptp"]));
            }
        };

        var pass = Pipeline.Create(_fs, probe, _sync, _time).Run(Settings(("Multus__Mode", "thin")), write: true);

        Assert.Equal(PassOutcome.Written, pass.Outcome);
        Assert.Equal("ptp", pass.Decision.Primary!.Network!.MainType);
        Assert.Contains("\"ptp\"", _fs.File.ReadAllText($"{Dir}/{pass.OutputFile}"), StringComparison.Ordinal);
        Assert.DoesNotContain("\"bridge\"", _fs.File.ReadAllText($"{Dir}/{pass.OutputFile}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PrimaryChangesOnEveryRead_RendersOneConsistentReadWithinTwoAttempts()
    {
        Put("10-a.conflist", CniJson.List("net", types: ["bridge"]));
        var probe = new FileSystemProbe(_fs);
        var flip = false;
        probe.AfterRead = path =>
        {
            if (path.EndsWith("10-a.conflist", StringComparison.Ordinal))
            {
                Put("10-a.conflist", CniJson.List("net", types: [(flip = !flip) ? "ptp" : "bridge"]));
            }
        };
        var reconciler = Pipeline.Create(_fs, probe, _sync, _time);

        var pass = reconciler.Run(Settings(("Multus__Mode", "thin")), write: true);

        // Scan (bridge), whole read disagrees (ptp), scan again reading the chosen file whole (bridge): rendered as read.
        Assert.Equal(3, reconciler.Scanner.Reads);
        Assert.Equal("bridge", pass.Decision.Primary!.Network!.MainType);
        Assert.Contains("\"bridge\"", _fs.File.ReadAllText($"{Dir}/{pass.OutputFile}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Thick_PrimaryReadOnce_ThinReadWholeOnceThenKept()
    {
        Put("10-a.conflist", CniJson.List("net"));
        var probe = new FileSystemProbe(_fs);

        // Read well after it was written (MockFileSystem stamps files with the real clock), so it is not racily clean.
        _time.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(1));

        var thick = Pipeline.Create(_fs, probe, _sync, _time);
        thick.Run(Settings(), write: true);
        thick.Run(Settings(), write: true);
        Assert.Equal(1, thick.Scanner.Reads);

        // Thin embeds the primary: the first pass reads it whole once more; later passes keep its tree, and a resync
        // reads it again (once: the primary in force is read whole by the scan itself).
        var thin = Pipeline.Create(_fs, probe, _sync, _time);
        thin.Run(Settings(("Multus__Mode", "thin")), write: true);
        thin.Run(Settings(("Multus__Mode", "thin")), write: true);
        Assert.Equal(2, thin.Scanner.Reads);
        thin.Run(Settings(("Multus__Mode", "thin")), write: true, ScanScope.Fresh);
        Assert.Equal(3, thin.Scanner.Reads);

        // The resync's read found the same bytes: no parse, the same object (and the tree it kept).
        Assert.Equal(2, thin.Scanner.Parses);
    }
}

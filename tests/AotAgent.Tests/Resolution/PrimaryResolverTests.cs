using AotAgent.Configuration;
using AotAgent.Platform;
using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Resolution;

public sealed class PrimaryResolverTests
{
    /// <summary>Monotonic time (the resolver never sees the wall clock).</summary>
    private static readonly TimeSpan T0 = TimeSpan.FromHours(10);

    private static ScannedFile Valid(string name, string network = "net", string type = "bridge", string cniVersion = "0.4.0") =>
        new(name, CniJson.Bytes(name.EndsWith(".conflist", StringComparison.Ordinal) ? CniJson.List(network, cniVersion, [type]) : CniJson.Conf(network, type, cniVersion)), null);

    private static ScannedFile Broken(string name) => new(name, CniJson.Bytes("{\"cniVersion\":"), null);

    /// <summary>What the scanner hands over: entries in ordinal order.</summary>
    private static ScanResult Scan(params ScannedFile[] files) =>
        new(true, files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => Parsed.File(f)).ToList(), true);

    private static Decision Resolve(ScanResult scan, AgentSettings? settings = null, Decision? previous = null, TimeSpan? now = null)
    {
        var s = settings ?? SettingsBuilder.Default();
        return PrimaryResolver.Resolve(scan, s.CniDir, s.Primary, AotAgent.Reconciliation.Reconciler.EligibilityFor(s), previous, now ?? T0);
    }

    /// <summary>A file's verdict with its reason in words, as explain shows it.</summary>
    private static Candidate Verdict(Decision d, string file) => d.Candidates.Single(c => c.File == file) is var c ? c with { Reason = d.ReasonFor(c) } : null!;

    [Fact]
    public void Resolve_NoPrefer_FirstValidInByteOrder()
    {
        var d = Resolve(Scan(Valid("20-b.conflist"), Broken("05-broken.conflist"), Valid("10-a.conflist")));

        Assert.Equal(DecisionOutcome.Selected, d.Outcome);
        Assert.Equal("10-a.conflist", d.Primary!.File);
        Assert.Equal(AotAgent.Resolution.Verdict.Selected, d.Primary.Verdict);
        Assert.Contains("first valid file in byte order", d.Reason, StringComparison.Ordinal);
        Assert.Equal(AotAgent.Resolution.Verdict.Invalid, Verdict(d, "05-broken.conflist").Verdict);
        Assert.Equal("valid; 10-a.conflist sorts first", Verdict(d, "20-b.conflist").Reason);
    }

    /// <summary>
    /// Byte order, not culture order: a culture comparer puts "a" before "B" and ignores or weighs '-' and '_' differently;
    /// containerd's Go sort.Strings compares bytes, so 'B' (0x42) &lt; 'a' (0x61) and '-' (0x2D) &lt; '_' (0x5F).
    /// </summary>
    [Theory]
    [InlineData("a.conf", "B.conf", "B.conf")]
    [InlineData("10_x.conf", "10-y.conf", "10-y.conf")]
    [InlineData("10-aws.conflist", "10-aws.conf", "10-aws.conf")]
    [InlineData("100-crio.conflist", "11-bws.conflist", "100-crio.conflist")]
    [InlineData("calico.conflist", "Z.conf", "Z.conf")]
    public void Resolve_NoPrefer_ComparesOrdinalNotCulture(string first, string second, string expected)
    {
        var d = Resolve(Scan(Valid(first), Valid(second)));

        Assert.Equal(expected, d.Primary!.File);
    }

    [Fact]
    public void Resolve_CultureWouldDiffer_OrdinalStillWins()
    {
        // Guard that the case above is meaningful: a culture-aware sort of these names disagrees with byte order
        // where cultures are available (this process runs with invariant globalization, whose comparer is ordinal).
        string[] names = ["a.conf", "B.conf"];
        Assert.Equal(["B.conf", "a.conf"], names.Order(StringComparer.Ordinal));

        Assert.Equal("B.conf", Resolve(Scan(Valid("a.conf"), Valid("B.conf"))).Primary!.File);
    }

    [Theory]
    [InlineData(".10-aws.conflist", "hidden file")]
    [InlineData(".aot-agent.00-multus.conf.1a2b.tmp", "not a CNI config name")]
    [InlineData("10-aws.conflist.tmp", "not a CNI config name")]
    [InlineData("10-aws.conflist.cilium_bak", "not a CNI config name")]
    [InlineData("calico-kubeconfig", "not a CNI config name")]
    [InlineData("10-aws.CONF", "not a CNI config name")]
    [InlineData("00-multus.conf", "the agent's own output")]
    [InlineData("00-multus.conflist", "the agent's own output")]
    public void Resolve_NeverPrimaryNames_Ignored(string name, string reason)
    {
        var d = Resolve(Scan(Valid(name)));

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
        var c = Verdict(d, name);
        Assert.Equal(AotAgent.Resolution.Verdict.Ignored, c.Verdict);
        Assert.Contains(reason, c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OwnOutputWithOtherConfName_OldNameIsACandidate()
    {
        var settings = new SettingsBuilder().Set("Multus__ConfName", "01-multus").Build();

        var d = Resolve(Scan(Valid("00-multus.conf"), Valid("01-multus.conf")), settings);

        Assert.Equal("00-multus.conf", d.Primary!.File);
        Assert.Equal(AotAgent.Resolution.Verdict.Ignored, Verdict(d, "01-multus.conf").Verdict);
    }

    [Fact]
    public void Resolve_Directory_Ignored()
    {
        var dir = new ScannedFile("05-dir.conf", null, new ScanProblem(AotAgent.Resolution.Verdict.Ignored, "a directory"), IsDirectory: true);

        var d = Resolve(Scan(dir, Valid("10-a.conf")));

        Assert.Equal("10-a.conf", d.Primary!.File);
        Assert.Equal("a directory", Verdict(d, "05-dir.conf").Reason);
    }

    [Theory]
    [InlineData("multus")]
    [InlineData("multus-shim")]
    public void Resolve_MultusConfig_NeverPrimary(string type)
    {
        var d = Resolve(Scan(Valid("01-other-multus.conf", type: type), Valid("10-a.conflist")));

        Assert.Equal("10-a.conflist", d.Primary!.File);
        Assert.Equal(AotAgent.Resolution.Verdict.Ignored, Verdict(d, "01-other-multus.conf").Verdict);
        Assert.Contains("Multus config", Verdict(d, "01-other-multus.conf").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MultusAsLaterPluginOfList_NeverPrimary()
    {
        var list = new ScannedFile("01-chain.conflist", CniJson.Bytes(CniJson.List("x", types: ["bridge", "multus"])), null);

        var d = Resolve(Scan(list), new SettingsBuilder().Prefer("plugin:*").Build());

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
        Assert.Equal(AotAgent.Resolution.Verdict.Ignored, Verdict(d, "01-chain.conflist").Verdict);
    }

    [Fact]
    public void Resolve_ThickMultusAtLeast040_RefusesOlderPrimary()
    {
        var settings = new SettingsBuilder().Set("Multus__CniVersion", "0.4.0").Build();

        var d = Resolve(Scan(Valid("05-old.conflist", cniVersion: "0.3.1"), Valid("10-new.conflist", cniVersion: "0.4.0")), settings);

        Assert.Equal("10-new.conflist", d.Primary!.File);
        var old = Verdict(d, "05-old.conflist");
        Assert.Equal(AotAgent.Resolution.Verdict.Invalid, old.Verdict);
        Assert.Contains("older than 0.4.0", old.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ThickDefaultVersion_AcceptsOlderPrimary()
    {
        var d = Resolve(Scan(Valid("05-old.conflist", cniVersion: "0.3.1")));

        Assert.Equal("05-old.conflist", d.Primary!.File);
    }

    [Fact]
    public void Resolve_ThinWithMultusVersion_AcceptsOlderPrimary()
    {
        var settings = new SettingsBuilder().Thin().Set("Multus__CniVersion", "1.0.0").Build();

        Assert.Equal("05-old.conflist", Resolve(Scan(Valid("05-old.conflist", cniVersion: "0.3.1")), settings).Primary!.File);
    }

    [Fact]
    public void Resolve_PreferMatches_OnlyMatchWins()
    {
        var settings = new SettingsBuilder().Prefer("file:10-aws.conflist").Build();

        var d = Resolve(Scan(Valid("02-istio-cni.conflist"), Valid("10-aws.conflist"), Valid("11-bws.conflist")), settings);

        Assert.Equal("10-aws.conflist", d.Primary!.File);
        Assert.Equal(0, d.SelectorIndex);
        Assert.Equal("matches Primary__Prefer #1 'file:10-aws.conflist'", d.Reason);
        Assert.Contains("matches no Primary__Prefer selector", Verdict(d, "02-istio-cni.conflist").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PreferMatchesNothing_NoPrimaryNeverFallback()
    {
        var settings = new SettingsBuilder().Prefer("type:calico").Build();

        var d = Resolve(Scan(Valid("10-aws.conflist", type: "aws-cni")), settings);

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
        Assert.Null(d.Primary);
        Assert.Contains("no valid file matches Primary__Prefer (type:calico)", d.Reason, StringComparison.Ordinal);
        Assert.Equal(AotAgent.Resolution.Verdict.Eligible, Verdict(d, "10-aws.conflist").Verdict);
    }

    [Fact]
    public void Resolve_PreferMatchIsInvalid_NoPrimary()
    {
        var settings = new SettingsBuilder().Prefer("file:10-aws.conflist").Build();

        var d = Resolve(Scan(Broken("10-aws.conflist"), Valid("20-other.conflist")), settings);

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
    }

    [Fact]
    public void Resolve_SelectorOrder_EarlierSelectorBeatsEarlierFile()
    {
        var settings = new SettingsBuilder().Prefer("type:calico,type:flannel").Build();

        var d = Resolve(Scan(Valid("05-flannel.conflist", type: "flannel"), Valid("10-calico.conflist", type: "calico")), settings);

        Assert.Equal("10-calico.conflist", d.Primary!.File);
        Assert.Contains("ranked after 10-calico.conflist", Verdict(d, "05-flannel.conflist").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SeveralMatchesOfOneSelector_OrdinalOrderAndReasonSaysSo()
    {
        var settings = new SettingsBuilder().Prefer("file:1*-*.conflist").Build();

        var d = Resolve(Scan(Valid("11-bws.conflist"), Valid("10-aws.conflist"), Valid("1A-x.conflist")), settings);

        Assert.Equal("10-aws.conflist", d.Primary!.File);
        Assert.Contains("3 files match it, byte order decides (10-aws.conflist, 11-bws.conflist, 1A-x.conflist)", d.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name:aws-cni", "10-aws.conflist")]
    [InlineData("name:bws-*", "11-bws.conflist")]
    [InlineData("type:calico", "20-calico.conflist")]
    [InlineData("plugin:portmap", "20-calico.conflist")]
    [InlineData("20-calico.conflist", "20-calico.conflist")]
    public void Resolve_SelectorKinds_PickTheMatch(string prefer, string expected)
    {
        var calico = new ScannedFile("20-calico.conflist", CniJson.Bytes(CniJson.List("k8s-pod-network", types: ["calico", "portmap"])), null);

        var d = Resolve(Scan(Valid("10-aws.conflist", "aws-cni", "aws-cni"), Valid("11-bws.conflist", "bws-cni", "aws-cni"), calico), new SettingsBuilder().Prefer(prefer).Build());

        Assert.Equal(expected, d.Primary!.File);
    }

    [Fact]
    public void Resolve_Exclude_NeverChosen()
    {
        var settings = new SettingsBuilder().Exclude("plugin:istio-cni").Build();
        var istio = new ScannedFile("02-istio-cni.conflist", CniJson.Bytes(CniJson.List("aws-cni", types: ["aws-cni", "istio-cni"])), null);

        var d = Resolve(Scan(istio, Valid("10-aws.conflist")), settings);

        Assert.Equal("10-aws.conflist", d.Primary!.File);
        Assert.Equal(AotAgent.Resolution.Verdict.Excluded, Verdict(d, "02-istio-cni.conflist").Verdict);
        Assert.Equal("matches Primary__Exclude 'plugin:istio-cni'", Verdict(d, "02-istio-cni.conflist").Reason);
    }

    [Fact]
    public void Resolve_ExcludeBeatsPrefer()
    {
        var settings = new SettingsBuilder().Prefer("file:10-aws.conflist").Exclude("10-aws.conflist").Build();

        Assert.Equal(DecisionOutcome.NoPrimary, Resolve(Scan(Valid("10-aws.conflist")), settings).Outcome);
    }

    [Fact]
    public void Resolve_DirectoryMissing_DirectoryMissing()
    {
        var d = Resolve(ScanResult.Missing);

        Assert.Equal(DecisionOutcome.DirectoryMissing, d.Outcome);
        Assert.Contains("does not exist", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ReadyFileMissing_WaitingForReadyFileWithCandidates()
    {
        var settings = new SettingsBuilder().Set("Primary__ReadyFile", "/run/ready").Build();
        var scan = new ScanResult(true, [Parsed.File(Valid("10-a.conf"))], ReadyFilePresent: false);

        var d = Resolve(scan, settings);

        Assert.Equal(DecisionOutcome.WaitingForReadyFile, d.Outcome);
        Assert.Null(d.Primary);
        Assert.Contains("/run/ready", d.Reason, StringComparison.Ordinal);
        Assert.Single(d.Candidates);
    }

    [Fact]
    public void Resolve_EmptyDirectory_NoPrimary()
    {
        var d = Resolve(Scan());

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
        Assert.Contains("no valid CNI config", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_SameInputs_SameDecision()
    {
        var scan = Scan(Valid("10-a.conf"), Valid("20-b.conf"), Broken("05-c.conf"));

        var a = Resolve(scan);
        var b = Resolve(scan);

        Assert.Equal(a.Primary!.File, b.Primary!.File);
        Assert.Equal(a.Reason, b.Reason);
        Assert.Equal(a.Candidates.Select(c => (c.File, c.Verdict, c.Reason)), b.Candidates.Select(c => (c.File, c.Verdict, c.Reason)));
    }

    [Fact]
    public void Resolve_ChosenTurnsInvalid_HeldDuringGrace()
    {
        var time = new FakeTimeProvider();
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")), now: MonotonicClock.Now(time));
        time.Advance(TimeSpan.FromSeconds(1));

        var held = Resolve(Scan(Broken("10-a.conf"), Valid("20-b.conf")), previous: first, now: MonotonicClock.Now(time));

        Assert.Equal(DecisionOutcome.Held, held.Outcome);
        Assert.Equal("10-a.conf", held.Primary!.File);
        Assert.Equal(MonotonicClock.Now(time), held.InvalidSince);
        Assert.Contains("10-a.conf turned invalid", held.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ChosenDisappears_HeldDuringGrace()
    {
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")));

        var held = Resolve(Scan(Valid("20-b.conf")), previous: first, now: T0 + TimeSpan.FromSeconds(2));

        Assert.Equal(DecisionOutcome.Held, held.Outcome);
        Assert.Contains("10-a.conf disappeared", held.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InvalidBeyondGrace_LowerRankedTakesOver()
    {
        var time = new FakeTimeProvider();
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")), now: MonotonicClock.Now(time));
        time.Advance(TimeSpan.FromSeconds(1));
        var broken = Scan(Broken("10-a.conf"), Valid("20-b.conf"));
        var held = Resolve(broken, previous: first, now: MonotonicClock.Now(time));
        time.Advance(TimeSpan.FromSeconds(3));
        var stillHeld = Resolve(broken, previous: held, now: MonotonicClock.Now(time));

        // The grace clock runs from the first invalid pass, not from the latest one.
        time.Advance(TimeSpan.FromSeconds(2));
        var after = Resolve(broken, previous: stillHeld, now: MonotonicClock.Now(time));

        Assert.Equal(DecisionOutcome.Held, stillHeld.Outcome);
        Assert.Equal(held.InvalidSince, stillHeld.InvalidSince);
        Assert.Equal(DecisionOutcome.Selected, after.Outcome);
        Assert.Equal("20-b.conf", after.Primary!.File);
        Assert.Null(after.InvalidSince);
    }

    [Fact]
    public void Resolve_ZeroGrace_SwitchesAtOnce()
    {
        var settings = new SettingsBuilder().Set("Primary__InvalidGrace", "00:00:00").Build();
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")), settings);

        var next = Resolve(Scan(Broken("10-a.conf"), Valid("20-b.conf")), settings, first, T0);

        Assert.Equal("20-b.conf", next.Primary!.File);
    }

    [Fact]
    public void Resolve_HigherRankedFileAppearsDuringGrace_WinsAtOnce()
    {
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")));

        var next = Resolve(Scan(Valid("05-new.conf"), Broken("10-a.conf"), Valid("20-b.conf")), previous: first, now: T0 + TimeSpan.FromSeconds(1));

        Assert.Equal(DecisionOutcome.Selected, next.Outcome);
        Assert.Equal("05-new.conf", next.Primary!.File);
    }

    [Fact]
    public void Resolve_HigherRankedSelectorMatchesDuringGrace_WinsAtOnce()
    {
        var settings = new SettingsBuilder().Prefer("type:calico,type:bridge").Build();
        var first = Resolve(Scan(Valid("10-a.conf")), settings);
        Assert.Equal(1, first.SelectorIndex);

        var next = Resolve(Scan(Broken("10-a.conf"), Valid("30-calico.conf", type: "calico")), settings, first, T0 + TimeSpan.FromSeconds(1));

        Assert.Equal("30-calico.conf", next.Primary!.File);
    }

    [Fact]
    public void Resolve_ChosenStaysValid_NotHeldEvenIfPreviousHadGraceClock()
    {
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")));
        var held = Resolve(Scan(Broken("10-a.conf"), Valid("20-b.conf")), previous: first, now: T0 + TimeSpan.FromSeconds(1));

        var recovered = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")), previous: held, now: T0 + TimeSpan.FromSeconds(2));

        Assert.Equal(DecisionOutcome.Selected, recovered.Outcome);
        Assert.Equal("10-a.conf", recovered.Primary!.File);
        Assert.Null(recovered.InvalidSince);
    }

    [Fact]
    public void Resolve_ChosenNoLongerMatchesPrefer_SwitchesAtOnce()
    {
        var first = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")), new SettingsBuilder().Prefer("10-a.conf").Build());

        var next = Resolve(Scan(Valid("10-a.conf"), Valid("20-b.conf")), new SettingsBuilder().Prefer("20-b.conf").Build(), first, T0);

        Assert.Equal("20-b.conf", next.Primary!.File);
    }

    private static ScannedFile List(string name, string network, params string[] types) => new(name, CniJson.Bytes(CniJson.List(network, "0.4.0", types)), null);

    [Fact]
    public void Resolve_NoRule_IstioOwnedCopyFromTheCorpusLosesToItsSource()
    {
        var scan = Scan(
            new ScannedFile("02-istio-cni.conflist", File.ReadAllBytes(TestPaths.CorpusFile("istio-SYNTHESIZED-owned-from-aws__02-istio-cni.conflist")), null),
            new ScannedFile("10-aws.conflist", File.ReadAllBytes(TestPaths.CorpusFile("aws-vpc-cni__10-aws.conflist")), null));

        var d = Resolve(scan);

        Assert.Equal("10-aws.conflist", d.Primary!.File);
        Assert.Contains("no Primary__Prefer rule is set", d.Reason, StringComparison.Ordinal);
        Assert.Contains("passed over 02-istio-cni.conflist", d.Reason, StringComparison.Ordinal);
        Assert.Contains("a copy of 10-aws.conflist with istio-cni appended", Verdict(d, "02-istio-cni.conflist").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoRule_AntreaChainedCopyLosesToItsSource()
    {
        // Antrea's chaining installer (install_cni_chaining) writes 05-antrea.conflist: the primary's chain plus antrea.
        var d = Resolve(Scan(List("05-antrea.conflist", "aws-cni", "aws-cni", "egress-cni", "portmap", "antrea"), List("10-aws.conflist", "aws-cni", "aws-cni", "egress-cni", "portmap")));

        Assert.Equal("10-aws.conflist", d.Primary!.File);
    }

    [Fact]
    public void Resolve_NoRule_TheSourceGone_TheCopyIsThePrimary()
    {
        var d = Resolve(Scan(List("05-antrea.conflist", "aws-cni", "aws-cni", "portmap", "antrea")));

        Assert.Equal("05-antrea.conflist", d.Primary!.File);
    }

    [Fact]
    public void Resolve_NoRule_ChainedOnlyPluginFirst_NeverPrimary()
    {
        var d = Resolve(Scan(List("01-portmap.conflist", "pm", "portmap"), List("05-istio.conflist", "istio", "istio-cni"), List("10-calico.conflist", "k8s-pod-network", "calico", "portmap")));

        Assert.Equal("10-calico.conflist", d.Primary!.File);
        Assert.Contains("only runs chained", Verdict(d, "01-portmap.conflist").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoRule_OnlyChainedCopies_NoPrimaryAndSaysSetPrefer()
    {
        var d = Resolve(Scan(List("01-portmap.conflist", "pm", "portmap")));

        Assert.Equal(DecisionOutcome.NoPrimary, d.Outcome);
        Assert.Contains("set Primary__Prefer", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ARule_CanChooseTheCopyExplicitly()
    {
        var d = Resolve(Scan(List("02-istio-cni.conflist", "aws-cni", "aws-cni", "istio-cni"), List("10-aws.conflist", "aws-cni", "aws-cni")), new SettingsBuilder().Prefer("file:02-istio-cni.conflist").Build());

        Assert.Equal("02-istio-cni.conflist", d.Primary!.File);
    }

    [Fact]
    public void Resolve_TopLevelMultusTypeInACopiedConflist_IgnoredAsMultus()
    {
        // Antrea's chaining copy of 00-multus.conf keeps "type":"multus" at the top and gains a plugins list.
        var copy = new ScannedFile("05-antrea.conflist", CniJson.Bytes("{\"cniVersion\":\"0.4.0\",\"name\":\"multus-cni-network\",\"type\":\"multus\",\"plugins\":[{\"type\":\"antrea\"}]}"), null);

        var d = Resolve(Scan(copy, List("10-aws.conflist", "aws-cni", "aws-cni")));

        Assert.Equal(AotAgent.Resolution.Verdict.Ignored, Verdict(d, "05-antrea.conflist").Verdict);
        Assert.Equal("10-aws.conflist", d.Primary!.File);
    }
}

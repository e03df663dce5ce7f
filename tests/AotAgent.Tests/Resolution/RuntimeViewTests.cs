using AotAgent.Resolution;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Resolution;

/// <summary>What each runtime would load, by its real rules, for the states an operator must be told apart.</summary>
public sealed class RuntimeViewTests
{
    private const string Multus = "multus-cni-network";

    private static (ScannedFile File, Candidate Candidate) Valid(string name, string network = "net") =>
        (new ScannedFile(name, [], null), new Candidate(name, Verdict.Eligible, "valid", CniConfigParser.Parse("x.conf", CniJson.Bytes(CniJson.Conf(network)), out _)) { LoadsInLibcni = true });

    private static (ScannedFile File, Candidate Candidate) Broken(string name) =>
        (new ScannedFile(name, [], null), new Candidate(name, Verdict.Invalid, "not valid JSON", null) { LoadsInLibcni = false });

    private static (ScannedFile File, Candidate Candidate) AgentRuleOnly(string name) =>
        (new ScannedFile(name, [], null), new Candidate(name, Verdict.Invalid, "no \"cniVersion\" string" + CniConfigParser.AgentRule, null) { LoadsInLibcni = true });

    private static RuntimeView Predict(RuntimeKind kind, string? output, string? pin, params (ScannedFile File, Candidate Candidate)[] entries)
    {
        var files = entries.Select(e => e.File).OrderBy(f => f.Name, Utf8Order.Instance).ToList();
        return RuntimeView.Predict(kind, files, [.. entries.Select(e => e.Candidate)], new OutputView(output, true, Multus, null), pin);
    }

    [Fact]
    public void Containerd_OutputFirst_LoadsOutput() =>
        Assert.Equal(RuntimeLoad.LoadsOutput, Predict(RuntimeKind.Containerd, "00-multus.conf", null, Valid("10-aws.conflist")).State);

    [Fact]
    public void Containerd_ValidFileFirst_Shadowed()
    {
        var view = Predict(RuntimeKind.Containerd, "00-multus.conf", null, Valid("00-early.conf"), Valid("10-aws.conflist"));

        Assert.Equal(RuntimeLoad.Shadowed, view.State);
        Assert.Equal("00-early.conf", view.File);
    }

    [Fact]
    public void Containerd_BrokenFileFirst_LoadsNothingAtAll()
    {
        var view = Predict(RuntimeKind.Containerd, "00-multus.conf", null, Broken("0-broken.conf"), Valid("10-aws.conflist"));

        Assert.Equal(RuntimeLoad.LoadsNothing, view.State);
        Assert.Contains("containerd loads no network at all", view.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Containerd_FirstFileRefusedOnlyByAnAgentRule_StillShadows() =>
        Assert.Equal(RuntimeLoad.Shadowed, Predict(RuntimeKind.Containerd, "00-multus.conf", null, AgentRuleOnly("0-noversion.conf")).State);

    [Fact]
    public void Crio_BrokenFileFirst_SkipsItAndLoadsOutput() =>
        Assert.Equal(RuntimeLoad.LoadsOutput, Predict(RuntimeKind.Crio, "00-multus.conf", null, Broken("0-broken.conf"), Valid("10-aws.conflist")).State);

    [Fact]
    public void Crio_ValidFileFirst_Shadowed() =>
        Assert.Equal(RuntimeLoad.Shadowed, Predict(RuntimeKind.Crio, "00-multus.conf", null, Valid("0-early.conf")).State);

    [Fact]
    public void Crio_PinnedToMultusNetwork_LoadsOutputWhateverTheOrder() =>
        Assert.Equal(RuntimeLoad.LoadsOutput, Predict(RuntimeKind.Crio, "00-multus.conf", Multus, Valid("0-early.conf")).State);

    [Fact]
    public void Crio_PinnedToAnotherNetwork_BypassesMultus()
    {
        var view = Predict(RuntimeKind.Crio, "00-multus.conf", "crio", Valid("10-crio-bridge.conflist", "crio"));

        Assert.Equal(RuntimeLoad.PinBypassesMultus, view.State);
        Assert.Equal("10-crio-bridge.conflist", view.File);
        Assert.Contains(Multus, view.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Crio_PinnedToAbsentNetwork_LoadsNothing() =>
        Assert.Equal(RuntimeLoad.LoadsNothing, Predict(RuntimeKind.Crio, "00-multus.conf", "gone", Valid("10-aws.conflist")).State);

    [Fact]
    public void NoOutputYet_SaidAsSuch() =>
        Assert.Equal(RuntimeLoad.NoOutput, Predict(RuntimeKind.Containerd, null, null, Valid("10-aws.conflist")).State);
}

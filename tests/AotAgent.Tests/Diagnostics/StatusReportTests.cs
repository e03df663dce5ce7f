using AotAgent.Diagnostics;

namespace AotAgent.Tests.Diagnostics;

/// <summary>Issue 11: /status does not grow with the directory; explain keeps the full list.</summary>
public sealed class StatusReportTests
{
    private static readonly DaemonState Daemon = new("0.1.0", 1, null, null, null, null, 1, 1, 0, false, false, true, "ready", null, null);

    private static ExplainReport Explain(int candidates, string? selected) => new(
        "/cni", "thick", [], [], "selected", "r",
        selected is null ? null : new SelectedReport(selected, "n", "t", "0.4.0", "default"),
        [.. Enumerable.Range(0, candidates).Select(i => new CandidateReport($"{i:D5}.conflist", $"{i:D5}.conflist" == selected ? "selected" : "invalid", "why", null, null, null, null, null))],
        new OutputReport("00-multus.conf", "00-multus.conf", true, false), null, false, new RuntimeReport("containerd", "loads_output", null, "ok"), [], []);

    [Fact]
    public void Create_UnderTheCap_ListsEverything()
    {
        var report = StatusReport.Create(Explain(100, "00042.conflist"), 100, Daemon);

        Assert.Equal(100, report.Explain!.Candidates.Count);
        Assert.Equal(0, report.CandidatesNotListed);
    }

    [Fact]
    public void Create_OverTheCap_ListsTheFirstInByteOrderPlusThePrimaryAndCountsTheRest()
    {
        var report = StatusReport.Create(Explain(10_000, "09999.conflist"), 100, Daemon);

        var listed = report.Explain!.Candidates;
        Assert.Equal(100, listed.Count);
        Assert.Equal(9_900, report.CandidatesNotListed);
        Assert.Equal("09999.conflist", listed[^1].File);
        Assert.Equal([.. Enumerable.Range(0, 99).Select(i => $"{i:D5}.conflist")], listed.Take(99).Select(c => c.File));
    }

    [Fact]
    public void Create_OverTheCapWithoutAPrimary_ListsTheFirst()
    {
        var report = StatusReport.Create(Explain(250, null), 100, Daemon);

        Assert.Equal("00099.conflist", report.Explain!.Candidates[^1].File);
        Assert.Equal(150, report.CandidatesNotListed);
    }
}

using AotAgent.Diagnostics;

namespace AotAgent.Tests.Diagnostics;

public sealed class ExplainTextFormatterTests
{
    private static ExplainReport Report(OutputReport output) =>
        new("/d", "thick", [], [], "selected", "why", null, [new CandidateReport("10-a.conflist", "selected", "why", "a", "a", "0.4.0", ["a"], null)], output, "00-multus.conf", false, new RuntimeReport("containerd", "loads_output", "00-multus.conf", "containerd loads 00-multus.conf first"), [], []);

    [Theory]
    [InlineData(null, "00-multus.conf", false, "00-multus.conf does not exist yet")]
    [InlineData("00-multus.conf", "00-multus.conf", true, "00-multus.conf is up to date")]
    [InlineData("00-multus.conf", "00-multus.conf", false, "00-multus.conf is not up to date")]
    [InlineData(null, null, false, "Output:    (none)")]
    public void Format_OutputLine_SaysWhatIsOnDisk(string? file, string? wouldWrite, bool upToDate, string expected) =>
        Assert.Contains(expected, ExplainTextFormatter.Format(Report(new OutputReport(file, wouldWrite, upToDate, false))), StringComparison.Ordinal);
}

using AotAgent.Rendering;
using AotAgent.Tests.TestDoubles;

namespace AotAgent.Tests.Rendering;

public sealed class DaemonConfigLinterTests
{
    private static MultusTemplate Thick() => new();

    [Fact]
    public void Lint_UpstreamAutoDaemonConfig_WarnsThatMultusWillOverwriteAndDelete()
    {
        var findings = DaemonConfigLinter.Lint(File.ReadAllBytes(TestPaths.CorpusFile("multus-thick-upstream__daemon-config.json")), Thick(), "00-multus.conf");

        Assert.Contains(findings, f => f.Contains("\"auto\"", StringComparison.Ordinal) && f.Contains("delete", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_NonAutoMatchingConfig_NoFindings()
    {
        var config = """{"cniVersion":"0.3.1","multusConfigFile":"/etc/cni/multus/unused.conf","cniConfigDir":"/host/etc/cni/net.d","socketDir":"/host/run/multus/"}"""u8.ToArray();

        Assert.Empty(DaemonConfigLinter.Lint(config, Thick(), "00-multus.conf"));
    }

    [Theory]
    [InlineData("""{"multusConfigFile":"/host/etc/cni/net.d/00-multus.conf"}""", "truncate")]
    [InlineData("""{"multusConfigFile":"/x","clusterNetwork":"/host/etc/cni/net.d/10-flannel.conflist"}""", "overrides")]
    [InlineData("""{"multusConfigFile":"/x","cniVersion":"0.4.0"}""", "differs from Multus__CniVersion")]
    [InlineData("""{"multusConfigFile":"/x","cniConfigDir":"/etc/cni/net.d"}""", "differs from Multus__ClusterNetworkDir")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"multusConfigFile":""", "not valid JSON")]
    public void Lint_Hazard_Reported(string json, string expected)
    {
        var findings = DaemonConfigLinter.Lint(System.Text.Encoding.UTF8.GetBytes(json), Thick(), "00-multus.conf");

        Assert.Contains(findings, f => f.Contains(expected, StringComparison.Ordinal));
    }
}

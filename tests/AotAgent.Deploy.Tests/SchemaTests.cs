namespace AotAgent.Deploy.Tests;

/// <summary>values.schema.json rejects malformed values, for both helm template and helm lint, naming the field.</summary>
public sealed class SchemaTests
{
    public static TheoryData<string, string, string> BadValues() => new()
    {
        { "--set", "config.Multus__Mode=fat", "/config/Multus__Mode" },
        { "--set", "config.Watch__Resync=30", "/config/Watch__Resync" },
        { "--set-json", "config.DryRun=true", "/config/DryRun" },
        { "--set", "config.not-a-key=x", "additional properties 'not-a-key' not allowed" },
        { "--set", "http.port=70000", "/http/port" },
        { "--set", "http.port=0", "/http/port" },
        { "--set", "http.probePort=0", "/http/probePort" },
        { "--set", "http.probePort=http", "/http/probePort" },
        { "--set", "hostNetwork=false", "hostNetwork" },
        { "--set", "tolerations[0].operator=Maybe", "/tolerations/0/operator" },
        { "--set", "extraMatchExpressions[0].key=a", "/extraMatchExpressions/0" },
        { "--set-json", "affinity=[]", "/affinity" },
        { "--set-json", "nodeSelector={\"pool\":1}", "/nodeSelector/pool" },
        { "--set", "image.pullPolicy=Sometimes", "/image/pullPolicy" },
        { "--set", "updateStrategy.rollingUpdate.maxUnavailable=0", "/updateStrategy/rollingUpdate/maxUnavailable" },
        { "--set", "podMonitor.enabled=yes", "/podMonitor/enabled" },
        { "--set", "serviceAccount.create=maybe", "/serviceAccount/create" },
        { "--set", "config.CniDir=/elsewhere", "/config/CniDir" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Template_WithMalformedValues_FailsNamingTheField(string flag, string assignment, string field)
    {
        var result = Helm.TryTemplate(Helm.DefaultRelease, Helm.DefaultNamespace, flag, assignment);

        Assert.False(result.Succeeded, $"helm template {flag} {assignment} should fail");
        Assert.Contains("schema", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(field, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_ProbePortEqualToPort_FailsNamingBoth()
    {
        var result = Helm.TryTemplate(Helm.DefaultRelease, Helm.DefaultNamespace, "--set", "http.probePort=9747");

        Assert.False(result.Succeeded, "helm template with http.probePort = http.port should fail");
        Assert.Contains("http.probePort must differ from http.port", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WithMalformedValuesFile_Fails()
    {
        var file = Path.Combine(Path.GetTempPath(), $"aot-agent-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "config:\n  Multus__Mode: thicc\ntolerations: {}\n");
        try
        {
            var result = Helm.Run("lint", "--strict", RepoPaths.ChartDir, "-f", file);
            var output = result.StdOut + result.StdErr;
            Assert.False(result.Succeeded, output);
            Assert.Contains("/config/Multus__Mode", output, StringComparison.Ordinal);
            Assert.Contains("/tolerations", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Schema_IsDraft07_AndClosedAtTheTop()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ChartDir, "values.schema.json")));
        var root = schema.RootElement;
        Assert.Equal("http://json-schema.org/draft-07/schema#", root.GetProperty("$schema").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.False(root.GetProperty("properties").GetProperty("config").GetProperty("additionalProperties").GetBoolean());
    }
}

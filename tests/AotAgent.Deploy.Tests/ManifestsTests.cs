namespace AotAgent.Deploy.Tests;

public sealed class ManifestsTests
{
    private static bool HelmOnlyLabel(string line) =>
        line.TrimStart().StartsWith("helm.sh/chart: ", StringComparison.Ordinal) || line.Trim() == "app.kubernetes.io/managed-by: Helm";

    private static readonly string _manifest = RepoPaths.At("deploy", "manifests", "aot-agent.yaml");

    [Fact]
    public void PlainManifests_EqualAFreshDefaultRender_ByteForByte()
    {
        var output = Path.Combine(Path.GetTempPath(), $"aot-agent-manifests-{Guid.NewGuid():N}.yaml");
        try
        {
            var result = ProcessRunner.Run(
                RepoPaths.At("deploy", "render-manifests.sh"),
                [output],
                new Dictionary<string, string> { ["HELM"] = Helm.Executable });
            Assert.True(result.Succeeded, result.Describe());

            var expected = File.ReadAllBytes(output);
            var actual = File.ReadAllBytes(_manifest);
            Assert.True(
                expected.AsSpan().SequenceEqual(actual),
                "deploy/manifests/aot-agent.yaml is stale: run deploy/render-manifests.sh");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void PlainManifests_ContainTheDefaultRenderOfTheChart()
    {
        var text = File.ReadAllText(_manifest);
        var chart = string.Join('\n', Helm.Template().Split('\n').Where(l => !HelmOnlyLabel(l)));
        Assert.Contains(chart, text, StringComparison.Ordinal);

        var manifest = RenderedManifest.Parse(text);
        Assert.Equal("kube-system", manifest.DaemonSet.Metadata.NamespaceProperty);
        Assert.Equal(["ConfigMap", "DaemonSet", "ServiceAccount"], manifest.Documents.Select(d => d.Kind).Order(StringComparer.Ordinal));
    }

    /// <summary>kubectl apply, not Helm, manages these: no label may claim otherwise (helm would refuse to adopt them).</summary>
    [Fact]
    public void PlainManifests_CarryNoHelmOnlyLabels_ButTheChartDoes()
    {
        var text = File.ReadAllText(_manifest);
        Assert.DoesNotContain("app.kubernetes.io/managed-by", text, StringComparison.Ordinal);
        Assert.DoesNotContain("helm.sh/chart", text, StringComparison.Ordinal);
        Assert.Contains("app.kubernetes.io/name: aot-agent", text, StringComparison.Ordinal);

        var chart = Helm.Template();
        Assert.Contains("app.kubernetes.io/managed-by: Helm", chart, StringComparison.Ordinal);
        Assert.Contains("helm.sh/chart: aot-agent-", chart, StringComparison.Ordinal);
    }
}

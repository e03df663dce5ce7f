namespace AotAgent.Deploy.Tests;

public sealed class ManifestsTests
{
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
        Assert.Contains(Helm.Template(), text, StringComparison.Ordinal);

        var manifest = RenderedManifest.Parse(text);
        Assert.Equal("kube-system", manifest.DaemonSet.Metadata.NamespaceProperty);
        Assert.Equal(["ConfigMap", "DaemonSet", "ServiceAccount"], manifest.Documents.Select(d => d.Kind).Order(StringComparer.Ordinal));
    }
}

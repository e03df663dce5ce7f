using AotAgent.Diagnostics;
using Prometheus;

namespace AotAgent.Tests.Diagnostics;

public sealed class AgentMetricsTests
{
    [Fact]
    public async Task SetPrimary_Changes_KeepsExactlyOneInfoSeries()
    {
        var registry = Metrics.NewCustomRegistry();
        var sut = new AgentMetrics(registry);
        sut.SetPrimary("10-aws.conflist", "aws-cni", "aws-cni", "0.4.0", "default");
        sut.SetPrimary("11-bws.conflist", "bws-cni", "aws-cni", "0.4.0", "file:11-bws.conflist");

        var text = await Export(registry);
        var series = text.Split('\n').Where(l => l.StartsWith("aotagent_primary_info{", StringComparison.Ordinal)).ToList();
        Assert.Single(series);
        Assert.Contains("file=\"11-bws.conflist\"", series[0], StringComparison.Ordinal);
        Assert.Contains("rule=\"file:11-bws.conflist\"", series[0], StringComparison.Ordinal);

        sut.SetPrimary(null, null, null, null, "default");
        Assert.DoesNotContain("aotagent_primary_info{", await Export(registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_HasEveryDocumentedMetric_AndTheReadmeDocumentsEveryExportedOne()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new AgentMetrics(registry);
        metrics.Observe(new AotAgent.Watching.ChangeSignal(TimeProvider.System));
        _ = new ProcessMetrics(registry, new System.IO.Abstractions.FileSystem(), DateTimeOffset.UnixEpoch, () => Environment.CpuUsage.TotalTime);
        var text = await Export(registry);
        var exported = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);

        // The README's metric table: "| `name{labels}` | type | meaning |" rows under "### Metrics".
        var readme = await File.ReadAllLinesAsync(Path.Combine(TestDoubles.TestPaths.RepositoryRoot, "README.md"));
        var documented = readme.SkipWhile(l => l != "### Metrics").Skip(1).SkipWhile(l => !l.StartsWith("| `", StringComparison.Ordinal))
            .TakeWhile(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1].Split('{')[0])
            .ToList();

        Assert.True(documented.Count >= 20, $"README's metric table not found or short: {documented.Count} rows");
        Assert.Equal([], documented.Where(m => !exported.Contains(m)));
        Assert.Equal([], exported.Where(m => !documented.Contains(m)).Order(StringComparer.Ordinal));
    }

    private static async Task<string> Export(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

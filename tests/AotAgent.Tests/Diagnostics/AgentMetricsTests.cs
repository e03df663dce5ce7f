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
    public async Task Export_HasEveryDocumentedMetric()
    {
        var registry = Metrics.NewCustomRegistry();
        _ = new AgentMetrics(registry);
        var text = await Export(registry);
        foreach (var name in new[]
        {
            "aotagent_ready", "aotagent_reconciles_total", "aotagent_reconcile_duration_seconds", "aotagent_output_writes_total",
            "aotagent_output_conflicts_total", "aotagent_primary_changes_total", "aotagent_output_shadowed", "aotagent_watch_events_total",
            "aotagent_watch_restarts_total", "aotagent_resyncs_total", "aotagent_watch_polling", "aotagent_config_reloads_total",
            "aotagent_last_success_timestamp_seconds", "aotagent_build_info", "aotagent_config_generation",
        })
        {
            Assert.Contains("# TYPE " + name + " ", text, StringComparison.Ordinal);
        }

        // The README's metric table must list every exported metric.
        var readme = await File.ReadAllTextAsync(Path.Combine(TestDoubles.TestPaths.RepositoryRoot, "README.md"));
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("# TYPE aotagent_", StringComparison.Ordinal)))
        {
            var metric = line.Split(' ')[2];
            Assert.Contains("`" + metric, readme, StringComparison.Ordinal);
        }
    }

    private static async Task<string> Export(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}

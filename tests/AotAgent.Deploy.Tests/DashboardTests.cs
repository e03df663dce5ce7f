using System.Text.Json;

namespace AotAgent.Deploy.Tests;

public sealed class DashboardTests
{
    private static readonly string _dashboard = RepoPaths.At("deploy", "grafana", "aot-agent-dashboard.json");

    private static List<string> Expressions()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(_dashboard));
        return [.. doc.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)];
    }

    [Fact]
    public void ChartCopy_IsIdenticalToDeployGrafana()
    {
        Assert.Equal(
            File.ReadAllBytes(_dashboard),
            File.ReadAllBytes(Path.Combine(RepoPaths.ChartDir, "dashboards", "aot-agent-dashboard.json")));
    }

    [Theory]
    [InlineData("aotagent_ready")]
    [InlineData("aotagent_primary_info")]
    [InlineData("aotagent_reconciles_total")]
    [InlineData("aotagent_reconcile_duration_seconds_bucket")]
    [InlineData("aotagent_output_writes_total")]
    [InlineData("aotagent_output_conflicts_total")]
    [InlineData("aotagent_primary_changes_total")]
    [InlineData("aotagent_output_shadowed")]
    [InlineData("aotagent_watch_polling")]
    [InlineData("aotagent_config_reloads_total")]
    [InlineData("aotagent_candidates")]
    [InlineData("aotagent_last_success_timestamp_seconds")]
    [InlineData("aotagent_last_queued_timestamp_seconds")]
    [InlineData("aotagent_http_connections")]
    [InlineData("aotagent_http_connections_refused_total")]
    [InlineData("process_resident_memory_bytes")]
    [InlineData("process_open_fds")]
    [InlineData("process_max_fds")]
    [InlineData("process_cpu_seconds_total")]
    [InlineData("process_start_time_seconds")]
    public void Dashboard_QueriesMetric(string metric)
    {
        Assert.Contains(Expressions(), e => e.Contains(metric + "{", StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboard_P99_UsesHistogramQuantileOverBuckets()
    {
        Assert.Contains(Expressions(), e =>
            e.StartsWith("histogram_quantile(0.99,", StringComparison.Ordinal)
            && e.Contains("rate(aotagent_reconcile_duration_seconds_bucket", StringComparison.Ordinal)
            && e.Contains("by (le)", StringComparison.Ordinal));
    }
}

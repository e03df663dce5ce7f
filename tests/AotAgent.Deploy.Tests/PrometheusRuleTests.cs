using System.Text.Json;
using System.Text.RegularExpressions;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// The chart's PrometheusRule: off by default; when on, one group whose alerts read only metrics the agent exports
/// (README.md's "Metrics" table, itself kept true by the agent's tests) plus kube-state-metrics' restart counter, each
/// with a severity, a summary and a description; alerts can be left out, labelled and added to.
/// </summary>
public sealed partial class PrometheusRuleTests
{
    /// <summary>What each alert is for (issue 14's list), by name.</summary>
    private static readonly string[] Expected =
    [
        "AotAgentRuntimeLoadsNothing", "AotAgentOutputShadowed", "AotAgentNoPrimary", "AotAgentConflictBackoff",
        "AotAgentOutputConflicts", "AotAgentConfigRejected", "AotAgentConfigMapEmpty", "AotAgentStuck", "AotAgentNotReady",
        "AotAgentRestarting",
    ];

    private static List<Dictionary<object, object?>> Rules(params string[] arguments)
    {
        var manifest = RenderedManifest.Parse(Helm.Template(["--set", "prometheusRule.enabled=true", .. arguments]));
        var rule = manifest.SingleRaw("PrometheusRule");
        var spec = (Dictionary<object, object?>)rule["spec"]!;
        var group = (Dictionary<object, object?>)Assert.Single((List<object?>)spec["groups"]!)!;
        Assert.Equal("aot-agent", group["name"]);
        return [.. ((List<object?>)group["rules"]!).Cast<Dictionary<object, object?>>()];
    }

    private static Dictionary<object, object?> Map(Dictionary<object, object?> rule, string key) => (Dictionary<object, object?>)rule[key]!;

    [Fact]
    public void OffByDefault()
    {
        Assert.DoesNotContain(RenderedManifest.Parse(Helm.Template()).Documents, d => d.Kind == "PrometheusRule");
    }

    [Fact]
    public void Enabled_EveryAlertReadsRealMetrics_AndSaysWhatToDo()
    {
        var rules = Rules();
        var readme = File.ReadAllText(RepoPaths.At("README.md"));
        var documented = MetricRow().Matches(readme).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("aotagent_runtime_load", documented);

        Assert.Equal(Expected, rules.Select(r => (string)r["alert"]!));
        Assert.All(rules, rule =>
        {
            var name = (string)rule["alert"]!;
            var metrics = MetricName().Matches((string)rule["expr"]!).Select(m => m.Value).ToList();
            Assert.NotEmpty(metrics);
            Assert.All(metrics, m => Assert.True(documented.Contains(m) || m == "kube_pod_container_status_restarts_total", $"{name} reads {m}, which the agent does not export"));
            Assert.Contains(Map(rule, "labels")["severity"], new object[] { "warning", "critical" });
            Assert.Contains("{{ $labels.", (string)Map(rule, "annotations")["summary"]!, StringComparison.Ordinal);
            Assert.True(((string)Map(rule, "annotations")["description"]!).Length > 40, $"{name}'s description says little");
        });

        var restarting = rules.Single(r => (string)r["alert"]! == "AotAgentRestarting");
        Assert.Contains("namespace=\"kube-system\"", (string)restarting["expr"]!, StringComparison.Ordinal);
        Assert.Contains("pod=~\"aot-agent-[a-z0-9]+\"", (string)restarting["expr"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaEnum_NamesEveryAlert()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ChartDir, "values.schema.json")));
        var names = schema.RootElement.GetProperty("properties").GetProperty("prometheusRule").GetProperty("properties")
            .GetProperty("disabled").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString());

        Assert.Equal(Expected, names);
    }

    [Fact]
    public void Disabled_AlertLabels_AndAdditionalRules_Apply()
    {
        var rules = Rules(
            "--set", "prometheusRule.disabled={AotAgentRestarting,AotAgentNotReady}",
            "--set", "prometheusRule.alertLabels.team=networking",
            "--set-json", "prometheusRule.additionalRules=[{\"alert\":\"Mine\",\"expr\":\"aotagent_ready == 0\"}]");

        var names = rules.Select(r => (string)r["alert"]!).ToList();
        Assert.DoesNotContain("AotAgentRestarting", names);
        Assert.DoesNotContain("AotAgentNotReady", names);
        Assert.Equal("Mine", names[^1]);
        Assert.All(rules.SkipLast(1), r => Assert.Equal("networking", Map(r, "labels")["team"]));

        // An alert's own severity wins over alertLabels.
        var critical = Rules("--set", "prometheusRule.alertLabels.severity=info").Single(r => (string)r["alert"]! == "AotAgentStuck");
        Assert.Equal("critical", Map(critical, "labels")["severity"]);
    }

    [Fact]
    public void UnknownAlertName_InDisabled_IsRefused()
    {
        var result = Helm.TryTemplate(Helm.DefaultRelease, Helm.DefaultNamespace, "--set", "prometheusRule.disabled={AotAgentTypo}");

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains("/prometheusRule/disabled/0", result.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| `(?<name>(?:aotagent|process)_[a-z_]+)(?:\{[^}]*\})?` \|", RegexOptions.Multiline)]
    private static partial Regex MetricRow();

    [GeneratedRegex(@"\b(?:aotagent|process|kube)_[a-z_]+\b")]
    private static partial Regex MetricName();
}

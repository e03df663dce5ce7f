using System.Text.Json;
using AotAgent.Configuration;
using k8s.Models;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// The chart's <c>config</c> schema and the agent's key catalog cannot drift: the schema names exactly the agent's keys,
/// and for a set of values per key the chart and the agent give the same verdict, so a value the agent would refuse
/// fails <c>helm install</c>/<c>upgrade</c> instead of crash-looping the pods or being refused live on every node.
/// </summary>
public sealed class ConfigSchemaTests
{
    private static JsonElement ConfigSchema()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ChartDir, "values.schema.json")));
        return schema.RootElement.GetProperty("properties").GetProperty("config").Clone();
    }

    private static IEnumerable<string> AgentKeys() =>
        SettingKeys.All.Select(k => k.Name).Concat(SettingKeys.LoggingDefaults.Select(l => l.Name));

    [Fact]
    public void Schema_NamesExactlyTheAgentsKeys_BothWays()
    {
        var config = ConfigSchema();
        var inSchema = config.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(AgentKeys().Order(StringComparer.Ordinal), inSchema.Order(StringComparer.Ordinal));
        Assert.False(config.GetProperty("additionalProperties").GetBoolean());
        Assert.All(config.GetProperty("properties").EnumerateObject(), p =>
            Assert.True(p.Value.TryGetProperty("description", out var d) && d.GetString()!.Length > 10, $"{p.Name} has no description"));
    }

    [Fact]
    public void Samples_CoverEveryKey_AndTheAgentJudgesThemAsListed()
    {
        Assert.Empty(AgentKeys().Except(ConfigSamples.ByKey.Keys));
        foreach (var (key, (good, bad)) in ConfigSamples.ByKey)
        {
            Assert.All(good, v => Assert.True(ChartJudge.AgentTakes(key, v), $"the agent refuses {key}='{v}', listed as good"));
            Assert.All(bad, v => Assert.False(ChartJudge.AgentTakes(key, v), $"the agent takes {key}='{v}', listed as bad"));
        }
    }

    [Fact]
    public void Samples_TheChartAgreesWithTheAgent_OnEveryValue()
    {
        var disagreements = new List<string>();
        var judged = 0;

        // Keys the schema alone decides: one render judges one value of each.
        var samples = ConfigSamples.ByKey.Where(k => !ConfigSamples.ChartOwned.Contains(k.Key))
            .ToDictionary(k => k.Key, k => k.Value.Good.Select(v => (Value: v, Good: true)).Concat(k.Value.Bad.Select(v => (Value: v, Good: false))).ToList());
        for (var round = 0; samples.Values.Any(s => s.Count > round); round++)
        {
            var batch = samples.Where(s => s.Value.Count > round).ToDictionary(s => s.Key, s => s.Value[round]);
            var result = ChartJudge.Render(batch.ToDictionary(b => b.Key, b => (string?)b.Value.Value));
            var refused = ChartJudge.RefusedBySchema(result);
            Assert.True(result.Succeeded || refused.Count > 0, $"round {round} failed outside the schema: {result.Describe()}");
            foreach (var (key, (value, good)) in batch)
            {
                judged++;
                if (refused.Contains(key) == good)
                {
                    disagreements.Add($"{key}='{value}': the agent {(good ? "takes" : "refuses")} it, the chart does not");
                }
            }
        }

        // Keys the templates also check (against http.*, logFormat, or the JSON itself): one render each.
        foreach (var key in ConfigSamples.ChartOwned)
        {
            var (good, bad) = ConfigSamples.ByKey[key];
            foreach (var (value, isGood) in good.Select(v => (v, true)).Concat(bad.Select(v => (v, false))))
            {
                judged++;
                if (ChartJudge.ChartTakes(key, value) != isGood)
                {
                    disagreements.Add($"{key}='{value}': the agent {(isGood ? "takes" : "refuses")} it, the chart does not");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
        Assert.True(judged > 250, $"only {judged} values judged");
    }

    [Fact]
    public void Divergences_AreExactlyTheDocumentedOnes()
    {
        Assert.All(ConfigSamples.ChartStricter, d =>
            Assert.True(ChartJudge.AgentTakes(d.Key, d.Value) && !ChartJudge.ChartTakes(d.Key, d.Value), $"{d.Key}='{d.Value}' ({d.Why})"));
        Assert.All(ConfigSamples.ChartLooser, d =>
            Assert.True(!ChartJudge.AgentTakes(d.Key, d.Value) && ChartJudge.ChartTakes(d.Key, d.Value), $"{d.Key}='{d.Value}' ({d.Why})"));

        // Key spelling: the agent matches keys in any case; the chart takes them as the README spells them.
        Assert.True(ChartJudge.AgentTakes("primary__prefer", "type:calico"));
        Assert.False(ChartJudge.ChartTakes("primary__prefer", "type:calico"));
    }

    [Fact]
    public void Template_EveryKeysDefault_Renders_IntoTheConfigMap()
    {
        var defaults = SettingKeys.All.Where(k => k.Default is not null).ToDictionary(k => k.Name, k => k.Default);
        foreach (var (name, _, value) in SettingKeys.LoggingDefaults)
        {
            defaults[name] = value;
        }

        // The formatter's default (simple) must match what the chart passes in the environment.
        var result = ChartJudge.Render(defaults, "--set", "logFormat=simple");

        Assert.True(result.Succeeded, result.Describe());
        Assert.True(defaults.Count >= 20, $"{defaults.Count} defaults");
        var data = RenderedManifest.Parse(result.StdOut).OfType<V1ConfigMap>().Single().Data;
        Assert.All(defaults, d => Assert.Equal(d.Value, data[d.Key]));
    }

    public static TheoryData<string, string, string> IssueValues() => new()
    {
        { "config.Primary__Prefr=file:10-aws.conflist", "additional properties 'Primary__Prefr' not allowed", "Primary__Prefr" },
        { "config.Primary__Prefer=foo:bar", "at '/config/Primary__Prefer'", "Primary__Prefer" },
        { "config.Watch__Resync=5s", "at '/config/Watch__Resync'", "Watch__Resync" },
        { "config.Logging__LogLevel__Default=Loud", "at '/config/Logging__LogLevel__Default'", "Logging__LogLevel__Default" },
        { "config.Multus__Mode=thicc", "at '/config/Multus__Mode'", "Multus__Mode" },
        { "config.Output__FileMode=0666", "at '/config/Output__FileMode'", "Output__FileMode" },
        { "config.Runtime__Kind=docker", "at '/config/Runtime__Kind'", "Runtime__Kind" },
        { "config.Http__Address=localhost", "at '/config/Http__Address'", "Http__Address" },
    };

    /// <summary>The values the issue saw pass Helm and then crash-loop or be refused on the nodes: refused at render now.</summary>
    [Theory]
    [MemberData(nameof(IssueValues))]
    public void InstallAndTemplate_ValueTheAgentRefuses_FailBeforeReachingANode(string assignment, string message, string key)
    {
        var value = assignment[(assignment.IndexOf('=', StringComparison.Ordinal) + 1)..];
        Assert.False(ChartJudge.AgentTakes(key, value), $"the agent takes {key}={value}");

        var template = Helm.TryTemplate(Helm.DefaultRelease, Helm.DefaultNamespace, "--set-string", assignment);
        var install = Helm.Run("install", "--dry-run=client", Helm.DefaultRelease, RepoPaths.ChartDir, "-n", Helm.DefaultNamespace, "--set-string", assignment);

        foreach (var result in new[] { template, install })
        {
            Assert.False(result.Succeeded, result.Describe());
            Assert.Contains(message, result.StdErr, StringComparison.Ordinal);
        }
    }
}

using System.Text.Json;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 15 on the native binary: no silent fall-back, precedence made visible, a live rename moves the output, and
/// whitespace and oversized values are treated the same from every source.
/// </summary>
public sealed class ConfigurationSurpriseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Trait("Arch", "all")]
    [Fact]
    public async Task ConfigMapEmptiedThenDeleted_LastGoodKeptLoudly_DefaultsOnlyWhenAskedFor()
    {
        // 10-aws sorts first: the defaults would pick it over the pinned calico.
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-calico.conflist\n" });

        // A removed and re-created ConfigMap directory is a new inode that no watcher follows yet: the resync finds it.
        using var agent = AgentProcess.StartDaemon(dir, "Watch__Resync=00:00:01");
        await agent.WaitReadyAsync(dir);
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());

        configMap.Write(new Dictionary<string, string>());
        await Wait.Until(async () => (await agent.Http.MetricsAsync())["aotagent_config_configmap_empty"] == 1, Timeout, () => $"emptied ConfigMap not reported; {agent.Tail()}");
        var ready = await agent.Http.GetAsync("/readyz");
        Assert.True(ready.Status == 200 && ready.Body.Contains("is empty: the last good configuration", StringComparison.Ordinal), ready.Body);
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());

        Directory.Delete(dir.Config, recursive: true);
        await Task.Delay(1500);
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());
        var status = await agent.Http.StatusAsync();
        Assert.Contains("Config__AllowEmpty", status.GetProperty("daemon").GetProperty("configNotice").GetString(), StringComparison.Ordinal);
        Assert.Single(agent.Events(27));
        Assert.Empty(agent.Events(14));
        Assert.Equal(1, (await agent.Http.MetricsAsync())["aotagent_config_generation"]);

        // The operator says so: a ConfigMap holding only Config__AllowEmpty applies the defaults.
        configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Config__AllowEmpty"] = "true\n" });
        await Wait.Until(() => dir.OutputPrimary() == "10-aws.conflist", Timeout, () => $"explicit defaults not applied; {dir.Describe()}; {agent.Tail()}");
        Assert.Equal(0, (await agent.Http.MetricsAsync())["aotagent_config_configmap_empty"]);
        Figures.Record(output, "configmap emptied", "emptied and deleted ConfigMap: the pinned primary stayed (one warning, /readyz detail, gauge 1); Config__AllowEmpty=true applied the defaults");
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task ConfigMapEmptied_AllowEmptyInTheEnvironment_DefaultsApplied()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-calico.conflist" });
        using var agent = AgentProcess.StartDaemon(dir.Cni, dir.Config, [], new Dictionary<string, string> { ["AOTAGENT_Config__AllowEmpty"] = "true" });
        await agent.WaitReadyAsync(dir);

        configMap.Write(new Dictionary<string, string>());

        await Wait.Until(() => dir.OutputPrimary() == "10-aws.conflist", Timeout, () => $"emptied ConfigMap with Config__AllowEmpty: defaults not applied; {agent.Tail()}");
        Assert.Empty(agent.Events(27));
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task EnvironmentShadowsConfigMapKey_SaidOncePerGeneration_SourcesInStatusAndExplain()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-aws.conflist\n" });
        var env = new Dictionary<string, string> { ["AOTAGENT_Primary__Prefer"] = "file:10-calico.conflist" };
        using var agent = AgentProcess.StartDaemon(dir.Cni, dir.Config, [], env);
        await agent.WaitReadyAsync(dir);
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());
        await Wait.Until(() => agent.Events(26).Count == 1, Timeout, () => $"shadowing not logged; {agent.Tail()}");

        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "type:aws-cni\n" });
        await Wait.Until(() => agent.Events(26).Count == 2, Timeout, () => $"the edit to a shadowed key was not said; {agent.Tail()}");
        Assert.Contains("Primary__Prefer='type:aws-cni' is shadowed by the environment", agent.Events(26)[1].GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());

        var settings = (await agent.Http.StatusAsync()).GetProperty("explain").GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        Assert.Equal("environment", settings["Primary__Prefer"].GetProperty("source").GetString());
        Assert.Equal("type:aws-cni", settings["Primary__Prefer"].GetProperty("shadowed")[0].GetProperty("value").GetString());
        Assert.Equal("command-line", settings["Http__Port"].GetProperty("source").GetString());
        Assert.Equal("default", settings["Multus__Mode"].GetProperty("source").GetString());

        var explain = await AgentProcess.RunAsync(["explain", "--json", "--cni-dir", dir.Cni, "--config-dir", dir.Config], env, Timeout);
        using var doc = JsonDocument.Parse(explain.Stdout);
        var prefer = doc.RootElement.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "Primary__Prefer");
        Assert.Equal(("environment", "configmap"), (prefer.GetProperty("source").GetString(), prefer.GetProperty("shadowed")[0].GetProperty("source").GetString()));
        var text = await AgentProcess.RunAsync(["explain", "--cni-dir", dir.Cni, "--config-dir", dir.Config], env, Timeout);
        Assert.Contains("Primary__Prefer = 'file:10-calico.conflist'  (environment; shadows configmap 'type:aws-cni')", text.Stdout, StringComparison.Ordinal);
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task ConfNameChangedLive_OutputMoves_UninstallKnowsEarlierNames()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Multus__ConfName"] = "00-multus" });
        using (var agent = AgentProcess.StartDaemon(dir))
        {
            await agent.WaitReadyAsync(dir);
            configMap.Write(new Dictionary<string, string> { ["Multus__ConfName"] = "01-multus\n" });
            await Wait.Until(() => File.Exists(dir.PathOf("01-multus.conf")) && !File.Exists(dir.OutputPath), Timeout, () => $"the output did not move; {dir.Describe()}; {agent.Tail()}");
            await Wait.Until(() => agent.Events(30).Count == 1, Timeout, () => $"the removal of the previous name was not logged; {agent.Tail()}");
            await agent.WaitReadyAsync(dir);
            agent.Terminate();
            Assert.True(await agent.WaitForExitAsync(Timeout), agent.Tail());
        }

        // A name changed across a restart leaves the earlier output; uninstall finds it by its shape.
        configMap.Write(new Dictionary<string, string> { ["Multus__ConfName"] = "02-multus" });
        var once = await AgentProcess.RunAsync(["once", "--cni-dir", dir.Cni, "--config-dir", dir.Config], null, Timeout);
        Assert.True(once.ExitCode == 0, once.Stderr);
        Assert.True(File.Exists(dir.PathOf("01-multus.conf")) && File.Exists(dir.PathOf("02-multus.conf")), dir.Describe());

        var uninstall = await AgentProcess.RunAsync(["uninstall", "--cni-dir", dir.Cni, "--config-dir", dir.Config], null, Timeout);

        Assert.True(uninstall.ExitCode == 0, uninstall.Stderr);
        Assert.Equal(["10-aws.conflist"], Directory.GetFiles(dir.Cni).Select(Path.GetFileName));
        Assert.Contains("01-multus.conf (an earlier Multus__ConfName)", uninstall.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string> Sources => ["environment", "command-line", "configmap"];

    private static async Task<(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)> Once(CniDirectory dir, string source, string key, string value)
    {
        List<string> args = ["once", "--cni-dir", dir.Cni, "--config-dir", dir.Config];
        Dictionary<string, string>? env = null;
        switch (source)
        {
            case "environment": env = new() { ["AOTAGENT_" + key] = value }; break;
            case "command-line": args.AddRange(["--set", key + "=" + value]); break;
            default: new KubeletConfigMapWriter(dir.Config).Write(new Dictionary<string, string> { [key] = value }); break;
        }

        return await AgentProcess.RunAsync(args, env, Timeout);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task WhitespaceAroundValues_TrimmedFromEverySource(string source)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        new KubeletConfigMapWriter(dir.Config).Write(new Dictionary<string, string> { ["Multus__NetworkName"] = "net-a \t\n" });

        var run = await Once(dir, source, "Multus__ClusterNetworkDir", " /host/run/multus/net.d \n");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = dir.OutputJson()!;
        Assert.Equal("/host/run/multus/net.d/10-aws.conflist", json["clusterNetwork"]!.GetValue<string>());
        Assert.Equal(source == "configmap" ? "multus-cni-network" : "net-a", json["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("environment", 100)]
    [InlineData("command-line", 100)]
    [InlineData("configmap", 204)]
    public async Task OversizedValue_RefusedFromEverySource_Exit2(string source, int kib)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        var big = "{\"multusNamespace\":\"" + new string('a', kib * 1024) + "\"}";

        var run = await Once(dir, source, "Multus__ExtraJson", big);

        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {line}");
        Assert.Contains("Multus__ExtraJson=", line, StringComparison.Ordinal);
        Assert.Contains($"({big.Length} bytes", line, StringComparison.Ordinal);
        Assert.Contains("at most 65536 bytes", line, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.OutputPath), dir.Describe());
    }

    [Theory]
    [InlineData("once")]
    [InlineData("explain")]
    [InlineData("render")]
    [InlineData("uninstall")]
    public async Task BadLogLevel_EveryVerb_Exit2OneLine(string verb)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);

        var run = await AgentProcess.RunAsync([verb, "--cni-dir", dir.Cni, "--config-dir", dir.Config], new Dictionary<string, string> { ["AOTAGENT_Logging__LogLevel__Default"] = "Loud" }, Timeout);

        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(run.ExitCode == 2, $"{verb}: exit {run.ExitCode}: {run.Stderr}");
        Assert.StartsWith("invalid configuration: Logging__LogLevel__Default='Loud': expected a log level", line, StringComparison.Ordinal);
    }
}

using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: bad configuration. At start: exit 2, one stderr line naming key and value, nothing written. Live: refused, last good stays.</summary>
public sealed class ConfigurationFaultTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "CniDir", "relative/cni", "relative/cni" },
        { "ConfigDir", "relative/config", "relative/config" },
        { "Primary__Prefer", "bogus:10-aws.conflist", "bogus:10-aws.conflist" },
        { "Primary__Exclude", "file:", "file:" },
        { "Primary__ReadyFile", "ready-file", "ready-file" },
        { "Primary__InvalidGrace", "soon", "soon" },
        { "Primary__InvalidGrace", "01:00:00", "01:00:00" },
        { "Multus__Mode", "thicc", "thicc" },
        { "Multus__ConfName", ".hidden", ".hidden" },
        { "Multus__ConfName", "00 multus", "00 multus" },
        { "Multus__CniVersion", "banana", "banana" },
        { "Multus__Kubeconfig", "kubeconfig", "kubeconfig" },
        { "Multus__LogLevel", "loud", "loud" },
        { "Multus__ExtraJson", "{\"type\":\"bridge\"}", "type" },
        { "Multus__ExtraJson", "not json", "not json" },
        { "Multus__GlobalNamespaces", "Bad_Namespace", "Bad_Namespace" },
        { "Output__FileMode", "0666", "0666" },
        { "Output__FileMode", "rw-------", "rw-------" },
        { "Output__ConflictBudget", "0", "0" },
        { "Output__ConflictBudget", "many", "many" },
        { "DryRun", "maybe", "maybe" },
        { "CleanupOnExit", "maybe", "maybe" },
        { "Watch__Resync", "00:00:00", "00:00:00" },
        { "Watch__PollInterval", "00:00:00.001", "00:00:00.001" },
        { "Http__Address", "localhost", "localhost" },
        { "Http__Address", "127.1", "127.1" },
        { "Http__Address", "[::1]", "[::1]" },
        { "Http__ProbePort", "70000", "70000" },
        { "Http__Port", "70000", "70000" },
        { "Http__Port", "http", "http" },
        { "Primary__Prefered", "file:10-aws.conflist", "did you mean Primary__Prefer?" },
        { "Http__Port", "99999", "Http__Port='99999'" },
        { "Logging__LogLevel__Default", "Loud", "Loud" },
        { "Logging__Console__FormatterName", "jsn", "jsn" },
        { "Primary__Prefer", ",,", ",," },
        { "Primary__Prefer", "type:[abc]", "type:[abc]" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task BadValueAtStart_Exit2_OneLineNamingKeyAndValue_NothingWritten(string key, string value, string shown)
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        var before = dir.Describe();
        var cniDir = key == "CniDir" ? value : dir.Cni;
        var configDir = key == "ConfigDir" ? value : dir.Config;
        List<string> args = ["run", "--cni-dir", cniDir, "--config-dir", configDir, "--set", "Http__Address=127.0.0.1", "--set", $"Http__Port={AgentProcess.FreePort()}"];
        if (key is not ("CniDir" or "ConfigDir"))
        {
            args.AddRange(["--set", $"{key}={value}"]);
        }

        var (code, stdout, stderr, _) = await AgentProcess.RunAsync(args, null, TimeSpan.FromSeconds(15));
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code == 2, $"{key}='{value}': exit {code} (expected 2); stderr: {stderr}; stdout: {stdout}");
        Assert.True(lines.Length == 1, $"{key}='{value}': expected one stderr line, got {lines.Length}: {stderr}");
        Assert.True(lines[0].Contains(key, StringComparison.Ordinal), $"{key}='{value}': the stderr line does not name the key {key}: {lines[0]}");
        Assert.True(lines[0].Contains(shown, StringComparison.Ordinal), $"{key}='{value}': the stderr line does not show the value '{shown}': {lines[0]}");
        Assert.True(lines[0].Contains("expected", StringComparison.Ordinal) || lines[0].Contains("refused", StringComparison.Ordinal) || lines[0].Contains("unknown key", StringComparison.Ordinal), $"{key}='{value}': the stderr line does not say what is allowed: {lines[0]}");
        Assert.Equal(before, dir.Describe());
        Assert.True(!File.Exists(dir.OutputPath) && dir.TempFiles().Count == 0, $"{key}='{value}': something was written; {dir.Describe()}");
        output.WriteLine($"{key}='{value}' -> {lines[0]}");
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task BadValueFromEnvironmentAndFromConfigMapFile_Exit2_NamingTheKey()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        var env = await AgentProcess.RunAsync(["run", "--cni-dir", dir.Cni, "--config-dir", dir.Config, "--set", "Http__Port=0"],
            new Dictionary<string, string> { ["AOTAGENT_Multus__Mode"] = "thicc" }, TimeSpan.FromSeconds(15));
        Assert.True(env.ExitCode == 2 && env.Stderr.Contains("Multus__Mode='thicc'", StringComparison.Ordinal), $"env AOTAGENT_Multus__Mode=thicc: exit {env.ExitCode}: {env.Stderr}");

        new KubeletConfigMapWriter(dir.Config).Write(new Dictionary<string, string> { ["Output__FileMode"] = "0777" });
        var file = await AgentProcess.RunAsync(["run", "--cni-dir", dir.Cni, "--config-dir", dir.Config, "--set", "Http__Port=0"], null, TimeSpan.FromSeconds(15));
        Assert.True(file.ExitCode == 2 && file.Stderr.Contains("Output__FileMode='0777'", StringComparison.Ordinal), $"ConfigMap Output__FileMode=0777: exit {file.ExitCode}: {file.Stderr}");
        Assert.False(File.Exists(dir.OutputPath), dir.Describe());
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task BadConfigMapEditAtRunTime_Refused_LastGoodStays_Counted()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-calico.conflist" });
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());
        var good = dir.ReadOutput()!;

        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "bogus:10-aws.conflist" });
        await Wait.Until(async () => (await agent.Http.MetricsAsync())["aotagent_config_reloads_total{result=\"rejected\"}"] == 1, TimeSpan.FromSeconds(10),
            () => $"bad ConfigMap edit (Prefer=bogus:...) not counted as rejected; {agent.Tail()}");
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "bogus:10-aws.conflist", ["Multus__Mode"] = "thin" });
        await Task.Delay(500);
        var metrics = await agent.Http.MetricsAsync();
        Assert.True(good.AsSpan().SequenceEqual(dir.ReadOutput()), $"bad ConfigMap edit: the output changed; {dir.Describe()}");
        Assert.Equal(1, metrics["aotagent_config_generation"]);
        Assert.Equal(0, metrics["aotagent_config_reloads_total{result=\"applied\"}"]);
        var rejections = agent.Events(14);
        Assert.True(rejections.Count >= 1 && rejections[0].GetProperty("Message").GetString()!.Contains("Primary__Prefer", StringComparison.Ordinal), $"rejection log: {agent.Tail()}");
        await agent.WaitReadyAsync(dir);

        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-aws.conflist" });
        await Wait.Until(() => dir.OutputPrimary() == "10-aws.conflist", TimeSpan.FromSeconds(10), () => $"good ConfigMap edit after a bad one not applied; {dir.Describe()}; {agent.Tail()}");
        metrics = await agent.Http.MetricsAsync();
        Assert.Equal(2, metrics["aotagent_config_generation"]);
        Assert.Equal(1, metrics["aotagent_config_reloads_total{result=\"applied\"}"]);
        Figures.Record(output, "live config fault", $"2 bad ConfigMap swaps ({configMap.SwapMethod}) refused ({metrics["aotagent_config_reloads_total{result=\"rejected\"}"]} rejections counted, {rejections.Count} logged), output unchanged, generation stayed 1; the next good swap applied (generation 2)");
    }
}

using System.Diagnostics;
using System.Text.Json;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 9 on the native binary: the primary in force survives a restart during its non-atomic rewrite, the default
/// without a rule passes over a chained copy, and (issue 10) a wall-clock step does not stretch the grace.
/// </summary>
public sealed class RuntimeDecisionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const string LibFakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";

    [Fact]
    public async Task RestartWhileThePrimaryIsMidWrite_OutputHeldNotFlippedToTheNextRule()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Calico);
        dir.Install(TestData.Flannel);
        string[] rules = ["Primary__Prefer=type:calico,type:flannel", "Primary__InvalidGrace=00:00:03"];
        using (var first = AgentProcess.StartDaemon(dir, rules))
        {
            await first.WaitReadyAsync(dir);
            first.Terminate();
            Assert.True(await first.WaitForExitAsync(Patience), first.Tail());
        }

        // Calico writes its config non-atomically at boot: truncated, then completed a moment later.
        var calico = TestData.Text(TestData.Calico);
        File.WriteAllText(dir.PathOf("10-calico.conflist"), calico[..(calico.Length / 2)]);
        using var second = AgentProcess.StartDaemon(dir, rules);
        var seen = new List<string?>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5))
        {
            seen.Add(dir.OutputPrimary());
            await Task.Delay(20);
        }

        File.WriteAllText(dir.PathOf("10-calico.conflist"), calico);
        await Task.Delay(500);

        Assert.All(seen, p => Assert.Equal("10-calico.conflist", p));
        Assert.Equal("10-calico.conflist", dir.OutputPrimary());
        Assert.Contains(second.StdoutLines, l => l.Contains("Holding the current output", StringComparison.Ordinal));
        Figures.Record(output, "restart mid-write", $"{seen.Count} samples over 1.5 s after a restart with the primary half-written: all still 10-calico.conflist");
    }

    [Fact]
    public async Task NoRule_IstioOwnedCopySortsFirst_TheDefaultTakesItsSourceAndSaysSo()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        File.WriteAllText(dir.PathOf("02-istio-cni.conflist"), IstioOwnedCopy(TestData.Text(TestData.Aws)));

        var (code, stdout, stderr, _) = await AgentProcess.RunAsync(["explain", "--json", "--cni-dir", dir.Cni, "--config-dir", dir.Config], null, Patience);

        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal("10-aws.conflist", report.RootElement.GetProperty("selected").GetProperty("file").GetString());
        Assert.Contains("no Primary__Prefer rule is set", report.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);

        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        Assert.Contains("safe default", (await agent.Http.GetAsync("/readyz")).Body, StringComparison.Ordinal);
        Assert.Equal(1, (await agent.Http.MetricsAsync())["aotagent_primary_info{file=\"10-aws.conflist\",network=\"aws-cni\",type=\"aws-cni\",cni_version=\"0.4.0\",rule=\"default\"}"]);
    }

    /// <summary>The wall clock stepped back an hour (libfaketime, agent only) one second into a 3 s grace: fail-over still at 3 s.</summary>
    [Fact]
    public async Task WallClockSteppedBackDuringTheGrace_FailOverOnTime()
    {
        Assert.True(File.Exists(LibFakeTime), $"{LibFakeTime} is missing: test.sh installs Debian's faketime package");
        using var dir = new CniDirectory();
        dir.Install(TestData.Calico);
        dir.Install(TestData.Flannel);
        var stamp = Path.Combine(dir.Root, "faketime");
        File.WriteAllText(stamp, "+0");
        var environment = new Dictionary<string, string>
        {
            ["LD_PRELOAD"] = LibFakeTime,
            ["FAKETIME_TIMESTAMP_FILE"] = stamp,
            ["FAKETIME_NO_CACHE"] = "1",
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        };
        using var agent = AgentProcess.StartDaemon(dir.Cni, dir.Config, ["Primary__Prefer=type:calico,type:flannel", "Primary__InvalidGrace=00:00:03"], environment);
        await agent.WaitReadyAsync(dir);

        File.WriteAllText(dir.PathOf("10-calico.conflist"), "{\"cniVersion\":");
        var clock = Stopwatch.StartNew();
        await Task.Delay(1000);
        File.WriteAllText(stamp, "-1h");
        await Wait.Until(() => dir.OutputPrimary() == "20-flannel.conflist" || dir.OutputPrimary() == "10-flannel.conflist", TimeSpan.FromSeconds(15),
            () => $"no fail-over 15 s after the primary broke with the wall clock stepped back; {agent.Tail()}");

        Assert.InRange(clock.Elapsed.TotalSeconds, 2.5, 8);
        Figures.Record(output, "wall clock stepped back 1 h", $"fail-over after {clock.Elapsed.TotalMilliseconds:F0} ms (grace 3 s)");
    }

    /// <summary>What istio-cni's owned mode writes: the primary's chain with istio-cni appended, same network name.</summary>
    private static string IstioOwnedCopy(string primary)
    {
        var list = System.Text.Json.Nodes.JsonNode.Parse(primary)!.AsObject();
        list["plugins"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "istio-cni", ["name"] = "istio-cni" });
        return list.ToJsonString();
    }
}

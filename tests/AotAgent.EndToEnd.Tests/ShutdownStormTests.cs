using System.Diagnostics;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: SIGTERM while files churn, the ConfigMap swaps and probes hammer: quick exit, output whole, no temp file.</summary>
public sealed class ShutdownStormTests(ITestOutputHelper output)
{
    [Trait("Arch", "all")]
    [Fact]
    public async Task SigtermDuringStorm_ExitsWithin2s_OutputIntact_NoTempFile()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-aws.conflist" });
        using var agent = AgentProcess.StartDaemon(dir, "Primary__InvalidGrace=00:00:00");
        await agent.WaitReadyAsync(dir);

        using var stop = new CancellationTokenSource();
        var operations = 0;
        var storm = Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = i % 2 == 0 ? "file:10-calico.conflist" : "file:10-aws.conflist" });
                File.WriteAllText(dir.PathOf($"junk-{i % 50}.txt"), "x");
                File.Move(dir.PathOf($"junk-{i % 50}.txt"), dir.PathOf($"junk-{i % 50}.moved"), overwrite: true);
                i++;
                Interlocked.Increment(ref operations);
                await Task.Delay(5);
            }
        });
        var scrapes = Task.Run(async () =>
        {
            using var probe = new HttpProbe(agent.Port);
            while (!stop.IsCancellationRequested && !agent.HasExited)
            {
                await probe.GetAsync("/metrics");
            }
        });

        await Task.Delay(1500);
        var clock = Stopwatch.StartNew();
        agent.Terminate();
        var exited = await agent.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await storm;
        await scrapes;

        Assert.True(exited, $"SIGTERM during a storm: still running after 10 s; {agent.Tail()}");
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"SIGTERM during a storm: exit took {elapsed.TotalMilliseconds:F0} ms; {agent.Tail()}");
        Assert.Equal(0, agent.ExitCode);
        Assert.True(dir.OutputPrimary() is "10-aws.conflist" or "10-calico.conflist", $"SIGTERM during a storm: output not a whole config for a legitimate primary; {dir.Describe()}");
        Assert.Empty(dir.TempFiles());
        Figures.Record(output, "sigterm storm", $"SIGTERM after {operations} storm operations (ConfigMap swaps + renames) under /metrics scraping: exit {agent.ExitCode} in {elapsed.TotalMilliseconds:F0} ms, output whole, no temp file");
    }
}

using System.Diagnostics;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: notifications lost (queue overflow) or never sent; the periodic resync converges anyway.</summary>
public sealed class NotificationLossTests(ITestOutputHelper output)
{
    private const int Flood = 50_000;
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task InotifyQueueOverflow_50000Operations_ConvergesWithinResync()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico, "20-calico.conflist");
        using var agent = AgentProcess.StartDaemon(dir, "Watch__Resync=00:00:02");
        await agent.WaitReadyAsync(dir);
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());

        // 50,000 create + rename + delete (150,000 inotify events, the kernel queue holds 16,384 by default); the primary
        // switch happens in the middle of the burst.
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Flood; i++)
        {
            var a = dir.PathOf($"flood-{i}.tmp");
            var b = dir.PathOf($"flood-{i}.moved");
            File.Create(a).Dispose();
            File.Move(a, b);
            File.Delete(b);
            if (i == Flood / 2)
            {
                File.Move(dir.PathOf("20-calico.conflist"), dir.PathOf("05-calico.conflist"));
            }
        }

        var burst = clock.Elapsed;
        var afterBurst = Stopwatch.StartNew();
        await Wait.Until(() => dir.OutputPrimary() == "05-calico.conflist", Resync + TimeSpan.FromSeconds(5),
            () => $"after a flood of {Flood} create/rename/delete the primary switch was never picked up (Watch__Resync 2 s); {dir.Describe()}; {agent.Tail()}");
        var converged = afterBurst.Elapsed;
        var metrics = await agent.Http.MetricsAsync();
        Figures.Record(output, "inotify flood", $"{Flood} create+rename+delete ({3 * Flood} events) in {burst.TotalSeconds:F1} s; converged {converged.TotalMilliseconds:F0} ms after the burst; watch events {metrics["aotagent_watch_events_total"]}, watcher restarts (overflow reported) {metrics["aotagent_watch_restarts_total"]}, resyncs {metrics["aotagent_resyncs_total"]}");
        Assert.True(converged <= Resync + TimeSpan.FromSeconds(3), $"converged {converged.TotalMilliseconds:F0} ms after the burst, more than Watch__Resync + 3 s");
        Assert.False(agent.HasExited, agent.Tail());
        await agent.WaitReadyAsync(dir);
    }

    [Fact]
    public async Task ChangeInotifyCannotReport_HardlinkWrittenFromOutside_PickedUpByResync()
    {
        // inotify reports a write against the directory of the path it was made through. The primary is a hard link
        // whose other name lives outside CniDir: rewriting it through that name raises no event on CniDir, so only the
        // resync can see it. (A watcher that dies silently cannot be injected into a native process from outside; this
        // is the observable equivalent: a change with no notification.)
        using var dir = new CniDirectory();
        var outside = Path.Combine(dir.Root, "outside");
        Directory.CreateDirectory(outside);
        var otherName = Path.Combine(outside, "calico-copy.conflist");
        File.WriteAllBytes(otherName, TestData.Bytes(TestData.Calico));
        Shell.MustRun("ln", otherName, dir.PathOf("10-calico.conflist"));
        using var agent = AgentProcess.StartDaemon(dir, "Multus__Mode=thin", "Watch__Resync=00:00:02");
        await agent.WaitReadyAsync(dir);
        Assert.Equal("k8s-pod-network", dir.OutputPrimary());
        await Task.Delay(300);
        var before = await agent.Http.MetricsAsync();

        var clock = Stopwatch.StartNew();
        var changed = TestData.Text(TestData.Calico).Replace("\"mtu\": 0", "\"mtu\": 1450", StringComparison.Ordinal);
        await File.WriteAllTextAsync(otherName, changed); // in place: same inode, so CniDir's name sees the new bytes
        await Wait.Until(() => dir.OutputJson()?["delegates"]?[0]?["plugins"]?[0]?["mtu"]?.GetValue<long>() == 1450, Resync + TimeSpan.FromSeconds(4),
            () => $"a change with no notification (written through a hard link outside CniDir) was not picked up by the resync; {dir.Describe()}; {agent.Tail()}");
        var after = await agent.Http.MetricsAsync();
        Figures.Record(output, "silent change", $"change without notification picked up after {clock.Elapsed.TotalMilliseconds:F0} ms (Watch__Resync 2 s); watch events during it {after["aotagent_watch_events_total"] - before["aotagent_watch_events_total"]}, resyncs {after["aotagent_resyncs_total"] - before["aotagent_resyncs_total"]}");
        Assert.True(after["aotagent_resyncs_total"] > before["aotagent_resyncs_total"], after.Text);
    }
}

using System.Diagnostics;
using System.Text;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: installers that write in place (truncate, then write; slow chunks) must not flip the output.</summary>
public sealed class NonAtomicWriterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task TruncateThenWrite_And_SlowChunkedWrites_NeverInvalidNeverLowerRanked()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Calico);
        dir.Install(TestData.Flannel);
        using var agent = AgentProcess.StartDaemon(dir, "Multus__Mode=thin", "Primary__InvalidGrace=00:00:02",
            "Primary__Prefer=file:10-calico.conflist,file:10-flannel.conflist");
        await Wait.Until(() => dir.OutputPrimary() == "k8s-pod-network", TimeSpan.FromSeconds(10), () => $"initial output; {dir.Describe()}; {agent.Tail()}");

        using var stop = new CancellationTokenSource();
        long samples = 0;
        string? bad = null;
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested && bad is null)
            {
                var bytes = dir.ReadOutput();
                var json = CniDirectory.TryParse(bytes);
                if (json is null)
                {
                    bad = $"output invalid: {CniDirectory.Show(bytes)} ({bytes?.Length ?? -1} bytes)";
                }
                else if (json["delegates"]?[0]?["name"]?.GetValue<string>() != "k8s-pod-network")
                {
                    bad = $"output switched to the lower-ranked candidate inside InvalidGrace: {CniDirectory.Show(bytes)}";
                }

                samples++;
            }
        });

        var calico = dir.PathOf("10-calico.conflist");
        var text = TestData.Text(TestData.Calico);
        var writes = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 1; i <= 12; i++)
            {
                var content = Encoding.UTF8.GetBytes(text.Replace("\"mtu\": 0", $"\"mtu\": {1400 + i}", StringComparison.Ordinal));
                await using (var stream = new FileStream(calico, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                    if (i % 2 == 1)
                    {
                        // truncate-then-write: an empty file for a moment, then the whole content.
                        stream.SetLength(0);
                        await stream.FlushAsync();
                        await Task.Delay(150);
                        await stream.WriteAsync(content);
                    }
                    else
                    {
                        // slow chunked write: half the JSON, a pause, the rest.
                        stream.SetLength(0);
                        var half = content.Length / 2;
                        await stream.WriteAsync(content.AsMemory(0, half));
                        await stream.FlushAsync();
                        await Task.Delay(300);
                        await stream.WriteAsync(content.AsMemory(half));
                    }
                }

                writes++;
                await Task.Delay(100);
                Assert.True(bad is null, $"non-atomic write {i}: {bad}; {dir.Describe()}; {agent.Tail()}");
            }

            await Wait.Until(() => dir.OutputJson()?["delegates"]?[0]?["plugins"]?[0]?["mtu"]?.GetValue<long>() == 1412, TimeSpan.FromSeconds(10),
                () => $"after the last non-atomic write (mtu 1412) the output did not follow; {dir.Describe()}; {agent.Tail()}");
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }

        Assert.True(bad is null, $"non-atomic writers: {bad}; {dir.Describe()}");
        var metrics = await agent.Http.MetricsAsync();
        var held = metrics["aotagent_reconciles_total{result=\"held\"}"];

        // A primary left broken for good: the lower-ranked candidate takes over only after InvalidGrace.
        var broken = Stopwatch.StartNew();
        await File.WriteAllTextAsync(calico, "{\"cniVersion\": \"0.3.1\", \"name\": ");
        await Wait.Until(() => dir.OutputPrimary() == "cbr0", TimeSpan.FromSeconds(15), () => $"primary broken for good: no fail-over to flannel; {dir.Describe()}; {agent.Tail()}");
        var failover = broken.Elapsed;
        Assert.True(failover >= Grace - TimeSpan.FromMilliseconds(200), $"fail-over after {failover.TotalMilliseconds:F0} ms, inside InvalidGrace {Grace}; {agent.Tail()}");
        Figures.Record(output, "non-atomic writers", $"{writes} non-atomic rewrites (6 truncate-then-write, 6 half/pause 300 ms/rest) in {clock.Elapsed.TotalSeconds:F1} s, {samples} samples of the output: never invalid, never the lower-ranked flannel; held passes {held}; a primary broken for good failed over after {failover.TotalMilliseconds:F0} ms (InvalidGrace 2 s)");
    }
}

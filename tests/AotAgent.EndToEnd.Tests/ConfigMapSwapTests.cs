using System.Text.Json.Nodes;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 15: the kubelet's atomic writer driven in a loop against the running binary. Two keys change together
/// (Primary__Prefer and Multus__NetworkName); every output the agent writes is checked to belong to one generation.
/// </summary>
public sealed class ConfigMapSwapTests(ITestOutputHelper output)
{
    private const int Swaps = 100;

    private static Dictionary<string, string> Generation(bool aws) => new()
    {
        ["Primary__Prefer"] = aws ? "file:10-aws.conflist\n" : "file:10-calico.conflist\n",
        ["Multus__NetworkName"] = aws ? "net-aws\n" : "net-calico\n",
    };

    /// <summary>Reads the output as often as it can while the swaps run, keeping every distinct content seen.</summary>
    private sealed class OutputWatch : IDisposable
    {
        private readonly CniDirectory _dir;
        private readonly Thread _thread;
        private readonly HashSet<string> _seen = [];
        private volatile bool _stop;

        public OutputWatch(CniDirectory dir)
        {
            _dir = dir;
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public int Reads { get; private set; }

        public HashSet<string> Stop()
        {
            _stop = true;
            _thread.Join();
            return _seen;
        }

        private void Run()
        {
            while (!_stop)
            {
                if (_dir.ReadOutput() is { Length: > 0 } bytes)
                {
                    _seen.Add(System.Text.Encoding.UTF8.GetString(bytes));
                    Reads++;
                }

                Thread.Sleep(1);
            }
        }

        public void Dispose() => _stop = true;
    }

    /// <summary>The pair (network name, primary file) an output carries; a mixed generation pairs net-aws with calico or the reverse.</summary>
    private static (string? Name, string? Primary) Pair(string content)
    {
        var json = JsonNode.Parse(content) as JsonObject;
        return (json?["name"]?.GetValue<string>(), Path.GetFileName(json?["clusterNetwork"]?.GetValue<string>()));
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task KubeletSwapLoop_EveryOutputIsOneGeneration_NoSwapIsARefusal()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(Generation(aws: true));
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        Assert.Equal(("net-aws", "10-aws.conflist"), Pair(System.Text.Encoding.UTF8.GetString(dir.ReadOutput()!)));

        var random = new Random(15);
        using var watch = new OutputWatch(dir);
        for (var i = 1; i <= Swaps; i++)
        {
            var data = Generation(aws: i % 2 == 0);

            // Every third generation also carries a key the next one removes: a kubelet key removal is no refusal.
            if (i % 3 == 0)
            {
                data["Multus__LogLevel"] = "debug\n";
            }

            configMap.Write(data);
            await Task.Delay(random.Next(0, 4) == 0 ? 0 : random.Next(1, 30));
        }

        await Wait.Until(() => Pair(System.Text.Encoding.UTF8.GetString(dir.ReadOutput() ?? [])) == ("net-aws", "10-aws.conflist") && agent.Events(13).Count > 0,
            TimeSpan.FromSeconds(15), () => $"the last generation (aws) was not applied; {dir.Describe()}; {agent.Tail()}");
        await Task.Delay(300);
        var seen = watch.Stop();
        var metrics = await agent.Http.MetricsAsync();

        var pairs = seen.Select(Pair).Distinct().ToList();
        Assert.True(pairs.All(p => p is ("net-aws", "10-aws.conflist") or ("net-calico", "10-calico.conflist")),
            $"a mixed generation was applied: {string.Join(", ", pairs)}");
        Assert.True(pairs.Count == 2, $"expected both generations among the outputs seen: {string.Join(", ", pairs)}");
        Assert.Equal(0, metrics["aotagent_config_reloads_total{result=\"rejected\"}"]);
        Assert.Empty(agent.Events(14));
        Assert.False(agent.HasExited, agent.Tail());
        Figures.Record(output, "configmap swap loop", $"{configMap.Swaps} kubelet swaps ({configMap.SwapMethod}), {metrics["aotagent_config_reloads_total{result=\"applied\"}"]} generations applied, {seen.Count} distinct outputs in {watch.Reads} reads, none mixed, 0 refusals");
    }

    [Trait("Arch", "all")]
    [Fact]
    public async Task KubeletSwapLoop_RefusedEditsNeverHalfApplied()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(Generation(aws: true));
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);

        // Odd generations move to calico and add an unknown key: the whole edit must be refused, never the Prefer alone.
        var random = new Random(51);
        using var watch = new OutputWatch(dir);
        for (var i = 1; i <= 40; i++)
        {
            var bad = i % 2 == 1;
            var data = Generation(aws: !bad);
            if (bad)
            {
                data["Primary__Prefr"] = "file:10-calico.conflist";
            }

            configMap.Write(data);
            await Task.Delay(random.Next(0, 25));
        }

        await Wait.Until(async () => (await agent.Http.MetricsAsync())["aotagent_config_reloads_total{result=\"rejected\"}"] >= 1, TimeSpan.FromSeconds(10), () => $"no refusal counted; {agent.Tail()}");
        await Task.Delay(300);
        var seen = watch.Stop();

        Assert.All(seen.Select(Pair), p => Assert.Equal(("net-aws", "10-aws.conflist"), p));
        Assert.Equal("10-aws.conflist", dir.OutputPrimary());
        var refusal = agent.Events(14)[0].GetProperty("Message").GetString()!;
        Assert.Contains("Primary__Prefr", refusal, StringComparison.Ordinal);
        Assert.Contains("did you mean Primary__Prefer?", refusal, StringComparison.Ordinal);
        Figures.Record(output, "configmap refused edits", $"{configMap.Swaps} swaps, every other one adding an unknown key: {seen.Count} distinct output(s), never the refused Prefer");
    }
}

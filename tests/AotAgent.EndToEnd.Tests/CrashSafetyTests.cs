using System.Diagnostics;
using System.Text.Json.Nodes;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: SIGKILL at random moments while the primary flips; the output is always old or new, whole.</summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Cycles = 120;

    [Fact]
    public async Task SigkillDuringRapidPrimarySwitches_OutputAlwaysCompleteAndLegitimate()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        using var dir = new CniDirectory();
        dir.Install(TestData.Calico);
        dir.Install(TestData.Flannel, "20-flannel.conflist");
        var legit = new Dictionary<string, JsonNode>
        {
            ["k8s-pod-network"] = JsonNode.Parse(TestData.Bytes(TestData.Calico))!,
            ["cbr0"] = JsonNode.Parse(TestData.Bytes(TestData.Flannel))!,
        };

        // The flipper: 10-calico.conflist appears and disappears (renamed to a hidden name); flannel is always there.
        using var stop = new CancellationTokenSource();
        var flips = 0;
        var flipper = Task.Run(async () =>
        {
            var hidden = dir.PathOf(".parked-calico");
            while (!stop.IsCancellationRequested)
            {
                File.Move(dir.PathOf("10-calico.conflist"), hidden);
                await Task.Delay(random.Next(2, 15));
                File.Move(hidden, dir.PathOf("10-calico.conflist"));
                await Task.Delay(random.Next(2, 15));
                Interlocked.Increment(ref flips);
            }
        });

        // The sampler reads the output continuously; once written it must always parse and delegate to a legitimate primary.
        var samples = 0L;
        var badSample = (string?)null;
        var sampler = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested && badSample is null)
            {
                var bytes = dir.ReadOutput();
                if (bytes is not null)
                {
                    var problem = Check(bytes, legit);
                    if (problem is not null)
                    {
                        badSample = $"{problem}: {CniDirectory.Show(bytes)} ({bytes.Length} bytes)";
                    }

                    Interlocked.Increment(ref samples);
                }
            }
        });

        var clock = Stopwatch.StartNew();
        var written = 0;
        var maxTemp = 0;
        var staleSeen = 0;
        try
        {
            for (var cycle = 0; cycle < Cycles; cycle++)
            {
                using var agent = AgentProcess.StartDaemon(dir, "Multus__Mode=thin", "Primary__InvalidGrace=00:00:00", "Http__Port=0");
                await Task.Delay(random.Next(0, 250));
                agent.Kill();
                Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(10)), $"cycle {cycle}: SIGKILLed agent did not exit");

                var bytes = dir.ReadOutput();
                if (bytes is not null)
                {
                    written++;
                    var problem = Check(bytes, legit);
                    Assert.True(problem is null, $"SIGKILL cycle {cycle} (seed {seed}): {problem}; {dir.Describe()}");
                }

                var temps = dir.TempFiles();
                maxTemp = Math.Max(maxTemp, temps.Count);
                staleSeen += temps.Count;
                Assert.True(temps.Count <= 1, $"SIGKILL cycle {cycle} (seed {seed}): temp files pile up: {string.Join(", ", temps)}; {dir.Describe()}");
                Assert.True(badSample is null, $"SIGKILL cycle {cycle} (seed {seed}): the sampler saw a bad output: {badSample}; {dir.Describe()}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await flipper;
            await sampler;
        }

        var killPhase = clock.Elapsed;
        Assert.True(badSample is null, $"seed {seed}: the sampler saw a bad output: {badSample}; {dir.Describe()}");
        Assert.True(written > 0, $"seed {seed}: in {Cycles} cycles the agent never wrote an output; {dir.Describe()}");

        // Restart with the flipper stopped: converges to calico (present, sorts first), stale temp files cleaned.
        if (!File.Exists(dir.PathOf("10-calico.conflist")))
        {
            File.Move(dir.PathOf(".parked-calico"), dir.PathOf("10-calico.conflist"));
        }

        using (var final = AgentProcess.StartDaemon(dir, "Multus__Mode=thin", "Primary__InvalidGrace=00:00:00"))
        {
            await final.WaitReadyAsync(dir);
            await Wait.Until(() => dir.OutputPrimary() == "k8s-pod-network" && dir.TempFiles().Count == 0, TimeSpan.FromSeconds(10),
                () => $"after {Cycles} kills (seed {seed}) the restarted agent did not converge to calico or left temp files; {dir.Describe()}; {final.Tail()}");
        }

        Figures.Record(output, "crash safety", $"seed {seed}: {Cycles} SIGKILLs in {killPhase.TotalSeconds:F1} s during {flips} primary flips; output present after {written} kills, all complete and legitimate; {samples} continuous samples all valid; stale temp files seen after a kill: {staleSeen} (max {maxTemp} at once), all cleaned on restart");
    }

    /// <summary>Null when the bytes are a complete thin Multus config delegating verbatim to a legitimate primary.</summary>
    private static string? Check(byte[] bytes, Dictionary<string, JsonNode> legit)
    {
        if (bytes.Length == 0)
        {
            return "output is empty";
        }

        var json = CniDirectory.TryParse(bytes);
        if (json is null)
        {
            return "output is not complete JSON";
        }

        if (json["type"]?.GetValue<string>() != "multus" || json["delegates"] is not JsonArray { Count: 1 } delegates)
        {
            return "output is not a thin Multus config with one delegate";
        }

        var name = delegates[0]?["name"]?.GetValue<string>();
        if (name is null || !legit.TryGetValue(name, out var expected))
        {
            return $"output delegates to '{name}', not a legitimate primary";
        }

        return JsonNode.DeepEquals(delegates[0], expected) ? null : $"delegate '{name}' differs from the primary file";
    }
}

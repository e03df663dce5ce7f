using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>
/// Issue 3: the native binary against real directories, real inotify, real HTTP on loopback. All of it also runs on the
/// linux-arm64 binary under qemu-user (trait Arch=all, test.sh).
/// </summary>
[Trait("Arch", "all")]
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartUp_WritesThickOutput_AndServesProbesMetricsStatusAndJsonLogs()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var clock = Stopwatch.StartNew();
        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(() => dir.OutputJson() is not null, Patience, () => $"start-up: no output written; {dir.Describe()}; {agent.Tail()}");
        var firstWrite = clock.Elapsed;
        Figures.Record(output, "start-up", $"first write {firstWrite.TotalMilliseconds:F0} ms after process start");

        var json = dir.OutputJson()!;
        Assert.True(json["cniVersion"]?.GetValue<string>() == "0.3.1" && json["name"]?.GetValue<string>() == "multus-cni-network" &&
            json["type"]?.GetValue<string>() == "multus-shim" && json["clusterNetwork"]?.GetValue<string>() == "/host/etc/cni/net.d/10-aws.conflist",
            $"start-up: thick output has the wrong shape; {dir.Describe()}");
        Assert.True(json["capabilities"]?["io.kubernetes.cri.pod-annotations"]?.GetValue<bool>() == true, $"start-up: capabilities not carried over; {dir.Describe()}");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.OutputPath));
        Assert.Empty(dir.TempFiles());

        await agent.WaitReadyAsync(dir);
        var ready = await agent.Http.GetAsync("/readyz");
        Assert.True(ready.Status == 200 && ready.Body.StartsWith("ready: ", StringComparison.Ordinal) && ready.Body.Contains("10-aws.conflist", StringComparison.Ordinal), $"/readyz: {ready.Status} {ready.Body}");
        var health = await agent.Http.GetAsync("/healthz");
        Assert.Equal(200, health.Status);

        // Ready comes from the start-up pass, which scanned before it wrote; /status shows the output once the daemon's
        // own first pass (pass 2) has run. Natively that is at once; under qemu-user it can take a few hundred ms.
        var status = await agent.Http.StatusAsync();
        await Wait.Until(async () => (status = await agent.Http.StatusAsync()).GetProperty("daemon").GetProperty("passes").GetInt64() >= 2, Patience,
            () => $"/status never showed the daemon's own first pass: {status}; {agent.Tail()}");
        var explain = status.GetProperty("explain");
        Assert.Equal("selected", explain.GetProperty("outcome").GetString());
        Assert.Equal("10-aws.conflist", explain.GetProperty("selected").GetProperty("file").GetString());
        var candidates = explain.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Contains(candidates, c => c.GetProperty("file").GetString() == "10-calico.conflist" && c.GetProperty("verdict").GetString() == "eligible");
        Assert.Contains(candidates, c => c.GetProperty("file").GetString() == "00-multus.conf" && c.GetProperty("verdict").GetString() == "ignored");
        var daemon = status.GetProperty("daemon");
        Assert.True(daemon.GetProperty("ready").GetBoolean(), status.ToString());
        Assert.True(daemon.GetProperty("writes").GetInt64() >= 1, status.ToString());
        Assert.Equal(1, daemon.GetProperty("configGeneration").GetInt64());

        var metrics = await agent.Http.MetricsAsync();
        foreach (var name in new[]
        {
            "aotagent_ready", "aotagent_primary_info", "aotagent_reconciles_total", "aotagent_reconcile_duration_seconds", "aotagent_output_writes_total",
            "aotagent_output_conflicts_total", "aotagent_primary_changes_total", "aotagent_candidates", "aotagent_output_shadowed", "aotagent_watch_events_total",
            "aotagent_watch_restarts_total", "aotagent_resyncs_total", "aotagent_watch_polling", "aotagent_config_reloads_total", "aotagent_config_generation",
            "aotagent_last_success_timestamp_seconds", "aotagent_last_queued_timestamp_seconds", "aotagent_build_info",
            "aotagent_http_connections", "aotagent_http_connections_refused_total", "process_resident_memory_bytes", "process_open_fds",
            "process_max_fds", "process_cpu_seconds_total", "process_start_time_seconds",
        })
        {
            Assert.True(metrics.HasMetric(name), $"/metrics lacks {name}:\n{metrics.Text}");
        }

        Assert.Equal(1, metrics["aotagent_ready"]);
        Assert.Equal(1, metrics["aotagent_primary_info{file=\"10-aws.conflist\",network=\"aws-cni\",type=\"aws-cni\",cni_version=\"0.4.0\",rule=\"default\"}"]);
        Assert.Equal(1, metrics["aotagent_output_writes_total"]);

        // Every pass is timed: the histogram counts as many passes as the result counter.
        var passes = metrics.Text.Split('\n').Where(l => l.StartsWith("aotagent_reconciles_total{", StringComparison.Ordinal)).Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(passes >= 1 && Math.Abs(metrics["aotagent_reconcile_duration_seconds_count"] - passes) <= 1, metrics.Text);
        Assert.Equal(1, metrics["aotagent_candidates{verdict=\"selected\"}"]);
        Assert.Equal(1, metrics["aotagent_candidates{verdict=\"eligible\"}"]);
        Assert.Equal(0, metrics["aotagent_watch_polling"]);
        Assert.True(metrics["aotagent_last_success_timestamp_seconds"] > 1.7e9, metrics.Text);
        Assert.True(metrics["aotagent_last_queued_timestamp_seconds"] > 1.7e9, metrics.Text);

        // process_* from /proc/self, as the kernel sees the process from outside.
        Assert.InRange(metrics["process_resident_memory_bytes"] / 1024, ProcStats.RssKiB(agent.Pid) / 2, ProcStats.RssKiB(agent.Pid) * 2);
        Assert.InRange(metrics["process_open_fds"], ProcStats.Fds(agent.Pid) - 5, ProcStats.Fds(agent.Pid) + 5);
        // The agent raises its soft descriptor limit to the hard one at start (Native AOT does not by itself).
        var limits = File.ReadLines($"/proc/{agent.Pid}/limits").Single(l => l.StartsWith("Max open files", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(limits[3] == limits[4], $"soft limit {limits[3]} was not raised to the hard limit {limits[4]}");
        Assert.Equal(double.Parse(limits[3], System.Globalization.CultureInfo.InvariantCulture), metrics["process_max_fds"]);
        Assert.True(metrics["process_cpu_seconds_total"] > 0, metrics.Text);
        Assert.InRange(metrics["process_start_time_seconds"], DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(metrics.Series.Keys.Any(k => k.StartsWith("aotagent_build_info{version=", StringComparison.Ordinal)), metrics.Text);

        var notFound = await agent.Http.GetAsync("/nope");
        Assert.Equal(404, notFound.Status);

        // JSON logs: every stdout line is one JSON object; the start and the write are there with their event ids.
        await Wait.Until(() => agent.Events(3).Count >= 1, Patience, () => $"no 'Wrote' log event; {agent.Tail()}");
        foreach (var line in agent.StdoutLines)
        {
            using var doc = JsonDocument.Parse(line);
            Assert.True(doc.RootElement.TryGetProperty("LogLevel", out _) && doc.RootElement.TryGetProperty("Message", out _), $"log line is not a JSON log record: {line}");
        }

        Assert.Single(agent.Events(1));
        Assert.Contains("10-aws.conflist", agent.Events(3)[0].GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Empty(agent.StderrLines);
    }

    [Fact]
    public async Task Thin_PrimaryRewrittenInPlace_OutputFollowsContent()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Calico);
        using var agent = AgentProcess.StartDaemon(dir, "Multus__Mode=thin");
        await Wait.Until(() => dir.OutputPrimary() == "k8s-pod-network", Patience, () => $"thin: no output delegating to calico; {dir.Describe()}; {agent.Tail()}");
        Assert.Equal(0L, Mtu(dir));

        var rewritten = TestData.Text(TestData.Calico).Replace("\"mtu\": 0", "\"mtu\": 1400", StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        await File.WriteAllTextAsync(dir.PathOf("10-calico.conflist"), rewritten);
        await Wait.Until(() => Mtu(dir) == 1400, Patience, () => $"thin: primary rewritten in place (mtu 0 -> 1400) but the output did not follow; {dir.Describe()}; {agent.Tail()}");
        Figures.Record(output, "in-place rewrite", $"thin output followed the primary's content in {clock.Elapsed.TotalMilliseconds:F0} ms");

        var delegates = dir.OutputJson()!["delegates"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(delegates[0], JsonNode.Parse(rewritten)), $"thin: delegate is not the primary verbatim; {dir.Describe()}");
        Assert.Empty(dir.TempFiles());
    }

    [Fact]
    public async Task Thick_PrimaryRenamedAndSwitched_ClusterNetworkFollows()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico, "20-calico.conflist");
        using var agent = AgentProcess.StartDaemon(dir, "Primary__InvalidGrace=00:00:01");
        await Wait.Until(() => dir.OutputPrimary() == "10-aws.conflist", Patience, () => $"thick: initial primary; {dir.Describe()}; {agent.Tail()}");

        // A file that sorts first takes over at once.
        File.Move(dir.PathOf("20-calico.conflist"), dir.PathOf("05-calico.conflist"));
        await Wait.Until(() => dir.OutputPrimary() == "05-calico.conflist", Patience, () => $"thick: rename 20-calico -> 05-calico not followed; {dir.Describe()}; {agent.Tail()}");

        // The primary renamed away: held for InvalidGrace (1 s), then the next file in byte order.
        File.Move(dir.PathOf("10-aws.conflist"), dir.PathOf("30-aws.conflist"));
        var clock = Stopwatch.StartNew();
        File.Move(dir.PathOf("05-calico.conflist"), dir.PathOf("40-calico.conflist"));
        await Wait.Until(() => dir.OutputPrimary() == "30-aws.conflist", Patience, () => $"thick: primary renamed away, no switch to 30-aws; {dir.Describe()}; {agent.Tail()}");
        var switched = clock.Elapsed;
        Figures.Record(output, "thick switch", $"primary renamed away: switched after {switched.TotalMilliseconds:F0} ms (InvalidGrace 1 s)");
        Assert.True(switched >= TimeSpan.FromMilliseconds(800), $"thick: switched after {switched.TotalMilliseconds:F0} ms, inside InvalidGrace 1 s; {agent.Tail()}");

        // The output lands inside the pass, the count when the pass is reported just after: wait for it (raced under qemu).
        await Wait.Until(async () => (await agent.Http.MetricsAsync())["aotagent_primary_changes_total"] >= 2, Patience,
            () => $"thick: primary changes not counted; {agent.Tail()}");
        await agent.WaitReadyAsync(dir);
    }

    [Fact]
    public async Task ConfigMapKubeletSwap_SwitchesPrimary()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        dir.Install(TestData.Calico);
        var configMap = new KubeletConfigMapWriter(dir.Config);
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-calico.conflist" });
        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(() => dir.OutputPrimary() == "10-calico.conflist", Patience, () => $"ConfigMap Prefer=10-calico not applied at start; {dir.Describe()}; {agent.Tail()}");

        var clock = Stopwatch.StartNew();
        configMap.Write(new Dictionary<string, string> { ["Primary__Prefer"] = "file:10-aws.conflist\nfile:10-calico.conflist" });
        await Wait.Until(() => dir.OutputPrimary() == "10-aws.conflist", Patience, () => $"ConfigMap ..data swap (via {configMap.SwapMethod}) to Prefer=10-aws not followed; {dir.Describe(dir.Config)}; {dir.Describe()}; {agent.Tail()}");
        Figures.Record(output, "configmap swap", $"kubelet-style ..data swap ({configMap.SwapMethod}) followed in {clock.Elapsed.TotalMilliseconds:F0} ms");

        var metrics = await agent.Http.MetricsAsync();
        Assert.Equal(1, metrics["aotagent_config_reloads_total{result=\"applied\"}"]);
        Assert.Equal(2, metrics["aotagent_config_generation"]);

        // The output is renamed into place before the pass is recorded for /status: wait for the record (slow under qemu).
        string[] prefer = [];
        await Wait.Until(async () => (prefer = (await agent.Http.StatusAsync()).GetProperty("explain").GetProperty("prefer").EnumerateArray().Select(e => e.GetString()!).ToArray()).Length == 2,
            Patience, () => $"/status never showed the new Prefer: [{string.Join(", ", prefer)}]; {agent.Tail()}");
        Assert.Equal(["file:10-aws.conflist", "file:10-calico.conflist"], prefer);
    }

    [Fact]
    public async Task ClobberedOutput_IsRestored_AndCounted()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Flannel);
        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(() => dir.OutputPrimary() == "10-flannel.conflist", Patience, () => $"initial output; {dir.Describe()}; {agent.Tail()}");
        var good = dir.ReadOutput()!;

        dir.WriteAtomic("00-multus.conf", "{\"cniVersion\":\"0.3.1\",\"name\":\"someone-else\",\"type\":\"bridge\"}\n"u8.ToArray());
        await Wait.Until(() => dir.ReadOutput()!.AsSpan().SequenceEqual(good), Patience, () => $"clobbered output not restored; {dir.Describe()}; {agent.Tail()}");
        var metrics = await agent.Http.MetricsAsync();
        Assert.Equal(1, metrics["aotagent_output_conflicts_total"]);
        Assert.Equal(2, metrics["aotagent_output_writes_total"]);
        await Wait.Until(() => agent.Events(6).Count == 1, Patience, () => $"expected one conflict warning; {agent.Tail()}");
    }

    [Fact]
    public async Task CniDirRemovedAndRecreated_OutputWrittenAgain()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Flannel);
        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(() => dir.OutputPrimary() == "10-flannel.conflist", Patience, () => $"initial output; {dir.Describe()}; {agent.Tail()}");

        // Removed as a whole (moved away, then deleted), as a node reinstall does it.
        var gone = Path.Combine(dir.Root, "gone");
        Directory.Move(dir.Cni, gone);
        Directory.Delete(gone, recursive: true);
        await Wait.Until(async () => (await agent.Http.GetAsync("/readyz")).Status == 503, Patience, () => $"CniDir deleted but /readyz still 200; {agent.Tail()}");
        var notReady = await agent.Http.GetAsync("/readyz");
        Assert.Contains("directory_missing", notReady.Body, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(dir.Cni);
        dir.Install(TestData.Calico);
        await Wait.Until(() => dir.OutputPrimary() == "10-calico.conflist", Patience, () => $"CniDir deleted and recreated: output not written again; {dir.Describe()}; {agent.Tail()}");
        Figures.Record(output, "dir recreated", $"output rewritten {clock.Elapsed.TotalMilliseconds:F0} ms after the directory came back (Watch__Resync default 30 s)");
        await agent.WaitReadyAsync(dir);
        Assert.False(agent.HasExited);
    }

    [Fact]
    public async Task Sigterm_ExitsQuickly_KeepsOutput_NoTempFile()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        var before = dir.ReadOutput()!;

        var clock = Stopwatch.StartNew();
        agent.Terminate();
        var exited = await agent.WaitForExitAsync(TimeSpan.FromSeconds(5));
        var elapsed = clock.Elapsed;
        Assert.True(exited, $"SIGTERM: still running after 5 s; {agent.Tail()}");
        Figures.Record(output, "sigterm", $"exit {agent.ExitCode} {elapsed.TotalMilliseconds:F0} ms after SIGTERM");
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"SIGTERM: exit took {elapsed.TotalMilliseconds:F0} ms (limit 2 s)");
        Assert.Equal(0, agent.ExitCode);
        Assert.True(before.AsSpan().SequenceEqual(dir.ReadOutput()), $"SIGTERM: output changed or removed; {dir.Describe()}");
        Assert.Empty(dir.TempFiles());
    }

    [Fact]
    public async Task Sigterm_WithCleanupOnExit_RemovesOutput()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir, "CleanupOnExit=true");
        await agent.WaitReadyAsync(dir);
        agent.Terminate();
        Assert.True(await agent.WaitForExitAsync(TimeSpan.FromSeconds(5)), agent.Tail());
        Assert.False(File.Exists(dir.OutputPath), $"CleanupOnExit=true: output still there after SIGTERM; {dir.Describe()}");
        Assert.True(File.Exists(dir.PathOf("10-aws.conflist")), dir.Describe());
        Assert.Contains(agent.Events(17), e => e.GetProperty("Message").GetString()!.Contains("00-multus.conf", StringComparison.Ordinal));
    }

    private static long? Mtu(CniDirectory dir) =>
        dir.OutputJson()?["delegates"]?[0]?["plugins"]?[0]?["mtu"]?.GetValue<long>();

    internal static string Utf8(byte[] b) => Encoding.UTF8.GetString(b);
}

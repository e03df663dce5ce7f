using System.Diagnostics;
using AotAgent.EndToEnd.Tests.Infrastructure;

namespace AotAgent.EndToEnd.Tests;

/// <summary>Issue 5: CniDir missing, deleted, swapped for a symlink, read-only, full. The target always survives.</summary>
public sealed class DirectoryLifecycleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task MissingAtStart_WaitsThenWrites()
    {
        using var dir = new CniDirectory(createCniDir: false);
        using var agent = AgentProcess.StartDaemon(dir);
        await Wait.Until(async () => (await agent.Http.GetAsync("/readyz")).Body.Contains("directory_missing", StringComparison.Ordinal), Patience,
            () => $"CniDir missing at start: /readyz does not say directory_missing; {agent.Tail()}");
        Assert.Equal(503, (await agent.Http.GetAsync("/readyz")).Status);
        Assert.Equal(200, (await agent.Http.GetAsync("/healthz")).Status);

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(dir.Cni);
        dir.Install(TestData.Aws);
        await Wait.Until(() => dir.OutputPrimary() == "10-aws.conflist", Patience, () => $"CniDir created after start: no output; {dir.Describe()}; {agent.Tail()}");
        Figures.Record(output, "dir missing at start", $"output written {clock.Elapsed.TotalMilliseconds:F0} ms after the directory appeared");
        var metrics = await agent.Http.MetricsAsync();
        Assert.True(metrics["aotagent_reconciles_total{result=\"directory_missing\"}"] >= 1, metrics.Text);
        await agent.WaitReadyAsync(dir);
    }

    [Fact]
    public async Task DeletedAndRecreated_ThreeTimes_OutputEveryTime()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            // Removed as a whole (moved away, then deleted): deleting file by file races with the agent restoring its output.
            var gone = Path.Combine(dir.Root, $"gone-{i}");
            Directory.Move(dir.Cni, gone);
            Directory.Delete(gone, recursive: true);
            await Wait.Until(async () => (await agent.Http.GetAsync("/readyz")).Body.Contains("directory_missing", StringComparison.Ordinal), Patience,
                () => $"CniDir removed (round {i + 1}): /readyz does not say directory_missing; {agent.Tail()}");
            var clock = Stopwatch.StartNew();
            Directory.CreateDirectory(dir.Cni);
            dir.Install(i % 2 == 0 ? TestData.Calico : TestData.Aws);
            var expected = i % 2 == 0 ? "10-calico.conflist" : "10-aws.conflist";
            await Wait.Until(() => dir.OutputPrimary() == expected, Patience, () => $"CniDir deleted and recreated (round {i + 1}): no output; {dir.Describe()}; {agent.Tail()}");
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        Figures.Record(output, "dir deleted+recreated x3", $"output back after {string.Join(", ", times.Select(t => $"{t:F0} ms"))}");
        Assert.False(agent.HasExited, agent.Tail());
    }

    [Fact]
    public async Task ReplacedBySymlinkToAnotherDirectory_FollowsTheNewTarget()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);
        var oldOutput = dir.ReadOutput()!;

        var other = Path.Combine(dir.Root, "other");
        Directory.CreateDirectory(other);
        File.WriteAllBytes(Path.Combine(other, "10-calico.conflist"), TestData.Bytes(TestData.Calico));
        var moved = Path.Combine(dir.Root, "cni.old");
        var clock = Stopwatch.StartNew();
        Directory.Move(dir.Cni, moved);
        Directory.CreateSymbolicLink(dir.Cni, other);
        await Wait.Until(() => dir.OutputPrimary() == "10-calico.conflist", Patience,
            () => $"CniDir replaced by a symlink to {other}: output not written there; {dir.Describe()}; {dir.Describe(moved)}; {agent.Tail()}");
        Figures.Record(output, "dir replaced by symlink", $"followed the new target in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(File.Exists(Path.Combine(other, "00-multus.conf")), dir.Describe(other));
        Assert.True(oldOutput.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(moved, "00-multus.conf"))), $"the old directory's output was touched; {dir.Describe(moved)}");
        await agent.WaitReadyAsync(dir);
    }

    [Fact]
    public async Task ReadOnly_Chmod555AndReadOnlyBindMount_TargetSurvives_RecoversWhenWritable()
    {
        using var dir = new CniDirectory();
        dir.Install(TestData.Aws);
        using var agent = AgentProcess.StartDaemon(dir);
        await agent.WaitReadyAsync(dir);

        // chmod 555: as root the permission bits do not stop writes (CAP_DAC_OVERRIDE); say which case this is.
        File.SetUnixFileMode(dir.Cni, (UnixFileMode)Convert.ToInt32("555", 8));
        File.WriteAllBytes(dir.PathOf("05-calico.conflist"), TestData.Bytes(TestData.Calico));
        if (Mounts.IsRoot)
        {
            await Wait.Until(() => dir.OutputPrimary() == "05-calico.conflist", Patience, () => $"chmod 555 as root (writes still allowed): output not updated; {dir.Describe()}; {agent.Tail()}");
            Figures.Record(output, "read-only: chmod 555", "running as root: chmod 555 does not stop writes; the agent kept writing (asserted)");
        }
        else
        {
            await Wait.Until(async () => (await agent.Http.GetAsync("/readyz")).Status == 503, Patience, () => $"chmod 555 as non-root: /readyz still 200; {agent.Tail()}");
            Assert.Equal("10-aws.conflist", dir.OutputPrimary());
            Figures.Record(output, "read-only: chmod 555", "non-root: writes refused, output kept, not ready (asserted)");
        }

        File.SetUnixFileMode(dir.Cni, (UnixFileMode)Convert.ToInt32("755", 8));
        Assert.True(Mounts.Available, $"mount is not permitted here ({Mounts.Why}); the read-only bind-mount fault needs root with CAP_SYS_ADMIN");

        // A writable view of the same directory for the test, then CniDir itself bind-mounted read-only over itself.
        var rw = Path.Combine(dir.Root, "rw");
        Directory.CreateDirectory(rw);
        Shell.MustRun("mount", "--bind", dir.Cni, rw);
        try
        {
            Shell.MustRun("mount", "--bind", dir.Cni, dir.Cni);
            Shell.MustRun("mount", "-o", "remount,bind,ro", dir.Cni);
            try
            {
                var before = dir.ReadOutput()!;
                File.WriteAllBytes(Path.Combine(rw, "01-flannel.conflist"), TestData.Bytes(TestData.Flannel));
                await Wait.Until(async () => (await agent.Http.GetAsync("/readyz")).Body.Contains("last pass failed", StringComparison.Ordinal), Patience,
                    () => $"read-only bind mount: a new primary appeared but /readyz does not report the failed write; {dir.Describe()}; {agent.Tail()}");
                Assert.True(before.AsSpan().SequenceEqual(dir.ReadOutput()), $"read-only CniDir: the output changed; {dir.Describe()}");
                Assert.Empty(dir.TempFiles());
                await Wait.Until(() => agent.Events(9).Count > 0, Patience, () => $"read-only CniDir: no 'Reconcile pass failed' log event; {agent.Tail()}");
                var metrics = await agent.Http.MetricsAsync();
                Assert.True(metrics["aotagent_reconciles_total{result=\"error\"}"] >= 1, metrics.Text);
                Assert.Equal(0, metrics["aotagent_ready"]);
            }
            finally
            {
                Mounts.Unmount(dir.Cni);
            }

            var clock = Stopwatch.StartNew();
            await Wait.Until(() => dir.OutputPrimary() == "01-flannel.conflist", Patience, () => $"read-only mount removed: the agent did not recover; {dir.Describe()}; {agent.Tail()}");
            Figures.Record(output, "read-only: bind mount ro", $"EROFS: output kept, no temp file, not ready; recovered {clock.Elapsed.TotalMilliseconds:F0} ms after remount rw");
        }
        finally
        {
            Mounts.Unmount(rw);
        }

        await agent.WaitReadyAsync(dir);
    }

    [Fact]
    public async Task DiskFull_Tmpfs64k_TargetSurvives_NoTempFile_RecoversWhenSpaceReturns()
    {
        Assert.True(Mounts.Available, $"mount is not permitted here ({Mounts.Why}); the disk-full fault needs a small tmpfs");
        using var dir = new CniDirectory();
        Shell.MustRun("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.Cni);
        try
        {
            dir.Install(TestData.Aws);
            dir.Install(TestData.Calico, "20-calico.conflist");
            using var agent = AgentProcess.StartDaemon(dir);
            await agent.WaitReadyAsync(dir);
            var good = dir.ReadOutput()!;

            var filler = dir.PathOf("zz-filler.bin");
            long filled = 0;
            try
            {
                await using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.Read, 1);
                var block = new byte[4096];
                while (true)
                {
                    stream.Write(block);
                    stream.Flush();
                    filled += block.Length;
                }
            }
            catch (IOException)
            {
                // ENOSPC: the disk is full.
            }

            var full = Stopwatch.StartNew();
            File.Move(dir.PathOf("20-calico.conflist"), dir.PathOf("05-calico.conflist"));
            await Wait.Until(async () => (await agent.Http.GetAsync("/readyz")).Body.Contains("last pass failed", StringComparison.Ordinal), Patience,
                () => $"disk full ({filled} bytes of filler): the new primary needs a write but /readyz does not report the failure; {dir.Describe()}; {agent.Tail()}");
            // The agent retries every second; a retry's temp file may exist for a moment, but they never accumulate.
            var maxTemps = 0;
            for (var sample = 0; sample < 40; sample++)
            {
                maxTemps = Math.Max(maxTemps, dir.TempFiles().Count);
                Assert.True(good.AsSpan().SequenceEqual(dir.ReadOutput()), $"disk full: the output changed; {dir.Describe()}");
                await Task.Delay(50);
            }

            Assert.True(maxTemps <= 1, $"disk full: temp files accumulate ({maxTemps}); {dir.Describe()}");
            await Wait.Until(() => dir.TempFiles().Count == 0, Patience, () => $"disk full: a temp file stays behind; {dir.Describe()}");
            var failures = agent.Events(9).Count;
            var faultWindow = full.Elapsed;

            // A failing pass retries after 1 s (ErrorRetry); it must not spin on the events of its own temp file.
            Assert.True(failures <= faultWindow.TotalSeconds + 3, $"disk full: {failures} failed passes logged in {faultWindow.TotalSeconds:F1} s (retry is once per second): the agent spins on ENOSPC; {dir.Describe()}");

            var clock = Stopwatch.StartNew();
            File.Delete(filler);
            await Wait.Until(() => dir.OutputPrimary() == "05-calico.conflist", Patience, () => $"space freed: the agent did not write the new output; {dir.Describe()}; {agent.Tail()}");
            Figures.Record(output, "disk full (tmpfs 64 KiB)", $"{filled} bytes of filler until ENOSPC; {failures} failed passes logged; output intact, no temp file; recovered {clock.Elapsed.TotalMilliseconds:F0} ms after space was freed");
            Assert.Empty(dir.TempFiles());
            await agent.WaitReadyAsync(dir);
            agent.Terminate();
            await agent.WaitForExitAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            Mounts.Unmount(dir.Cni);
        }
    }
}

using AotAgent.Diagnostics;
using AotAgent.Tests.TestDoubles;
using static AotAgent.Tests.TestDoubles.DaemonHarness;

namespace AotAgent.Tests.Hosting;

public sealed class ReconcileLoopTests
{
    private static Dictionary<string, string?> Prefer(string selectors) => new() { ["Primary:Prefer"] = selectors };

    [Fact]
    public async Task Start_ValidPrimary_WritesOnceAndIgnoresItsOwnWrites()
    {
        await using var h = new DaemonHarness(Prefer("file:10-aws.conflist"));
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();

        Assert.Contains("/host/etc/cni/net.d/10-aws.conflist", h.Output);
        Assert.Equal(1, h.Metrics.OutputWrites.Value);

        // The agent's own rename produces events; each is a pass that finds nothing to do.
        for (var i = 0; i < 5; i++)
        {
            await h.FireCniEvent();
        }

        Assert.Equal(1, h.Metrics.OutputWrites.Value);
        Assert.Equal(0, h.Metrics.OutputConflicts.Value);
        Assert.True(h.Status.Readiness().Ready, h.Status.Readiness().Reason);

        // Every pass, failed or not, is timed (the pass-duration histogram counts them all).
        Assert.Equal(h.Status.Passes, h.Metrics.ReconcileDuration.Count);
        Assert.Equal(6, h.Metrics.ReconcileDuration.Count);
    }

    [Fact]
    public async Task Start_WatchIsArmedBeforeTheFirstScan()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        var outputExistedWhenArmed = new List<bool>();
        h.Watchers.OnWatch = _ => outputExistedWhenArmed.Add(h.FileSystem.File.Exists(OutputPath));
        await h.StartAsync();

        Assert.Equal([false, false, false], outputExistedWhenArmed); // all armed before the first pass wrote anything
        Assert.Equal(3, h.Watchers.Created); // CniDir, the ConfigMap directory, and CniDir's parent (renames of CniDir)
        Assert.Contains(h.Watchers.Active, w => w.Directory == CniDir);
        Assert.Equal(0, h.Metrics.WatchPolling.Value);
    }

    [Fact]
    public async Task Event_PrimarySwitchedByNewBetterRankedFile_OutputFollows()
    {
        await using var h = new DaemonHarness(Prefer("type:calico,type:flannel"));
        h.AddCni("10-flannel.conflist", Conflist("cbr0", "flannel"));
        await h.StartAsync();
        Assert.Contains("10-flannel.conflist", h.Output);

        h.AddCni("20-calico.conflist", Conflist("k8s-pod-network", "calico"));
        await h.FireCniEvent();

        Assert.Contains("20-calico.conflist", h.Output);
        Assert.Equal(1, h.Metrics.PrimaryChanges.Value);
        Assert.Equal(2, h.Metrics.OutputWrites.Value);
    }

    [Fact]
    public async Task DirectoryFlushFails_WriteCountsPassSucceedsAndTheFailureIsNamedOnce()
    {
        await using var h = new DaemonHarness(Prefer("type:calico,type:flannel"));
        h.DirectorySync.FailWith = "cannot open /host/etc/cni/net.d to flush it: Invalid argument (errno 22)";
        h.AddCni("10-flannel.conflist", Conflist("cbr0", "flannel"));
        await h.StartAsync();

        h.AddCni("20-calico.conflist", Conflist("k8s-pod-network", "calico"));
        await h.FireCniEvent();
        await h.FireCniEvent();

        // Every write lands (the arm64 bug made each later one fail as "the current output is kept").
        Assert.Contains("20-calico.conflist", h.Output);
        Assert.Equal(2, h.Metrics.OutputWrites.Value);
        Assert.Equal(0, h.Metrics.Reconciles.WithLabels("error").Value);
        Assert.Equal(0, h.LogCount(LogEvents.PassFailed));
        Assert.Equal(1, h.LogCount(LogEvents.DirectoryFlushFailed));
        Assert.Equal(1, h.Metrics.OutputFlushFailing.Value);
        var (ready, reason) = h.Status.Readiness();
        Assert.True(ready, reason);
        Assert.Contains("not yet durable", reason, StringComparison.Ordinal);
        Assert.Contains("errno 22", h.Status.Report().Daemon.FlushError, StringComparison.Ordinal);

        h.DirectorySync.FailWith = null;
        await h.FireCniEvent();

        Assert.Equal(0, h.Metrics.OutputFlushFailing.Value);
        Assert.Equal(1, h.LogCount(LogEvents.DirectoryFlushRecovered));
        Assert.Null(h.Status.Report().Daemon.FlushError);
        Assert.DoesNotContain("durable", h.Status.Readiness().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_ForeignWriterClobbersOutput_RestoredAndCounted()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var good = h.Output;

        h.FileSystem.File.WriteAllText(OutputPath, "{}");
        await h.FireCniEvent();

        Assert.Equal(good, h.Output);
        Assert.Equal(1, h.Metrics.OutputConflicts.Value);
        Assert.Equal(1, h.LogCount(LogEvents.OutputConflict));
    }

    [Fact]
    public async Task Event_OutputRenamedToCiliumBak_RestoredAndCauseNamed()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();

        h.FileSystem.File.Move(OutputPath, OutputPath + ".cilium_bak");
        await h.FireCniEvent();

        Assert.NotNull(h.Output);
        Assert.Contains(h.Logs.GetSnapshot(), e => e.Id.Id == LogEvents.OutputConflict && e.Message.Contains("cni.exclusive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Event_WriterFightPastBudget_BacksOffWithOneWarningAndBoundedWrites()
    {
        await using var h = new DaemonHarness(new Dictionary<string, string?> { ["Output:ConflictBudget"] = "3" });
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();

        for (var i = 0; i < 20; i++)
        {
            h.FileSystem.File.WriteAllText(OutputPath, $$"""{"fight":{{i}}}""");
            await h.FireCniEvent();
        }

        // One initial write plus at most the budget of restores inside the minute.
        Assert.Equal(1 + 3, h.Metrics.OutputWrites.Value);
        Assert.Equal(1, h.LogCount(LogEvents.ConflictBackoff));
        Assert.False(h.Status.Readiness().Ready);
        Assert.Equal(0, h.Metrics.Ready.Value);

        // When the minute is over the agent restores once more.
        await h.Advance(TimeSpan.FromSeconds(61));
        Assert.Contains("clusterNetwork", h.Output);
        Assert.Equal(1 + 3 + 1, h.Metrics.OutputWrites.Value);
    }

    [Fact]
    public async Task Watcher_CannotBeCreated_FallsBackToPollingAndStillConverges()
    {
        await using var h = new DaemonHarness();
        h.Watchers.FailWith = new IOException("The configured user limit (128) on the number of inotify instances has been reached");
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();

        Assert.Equal(1, h.Metrics.WatchPolling.Value);
        Assert.Contains("polling", h.Status.Readiness().Reason, StringComparison.Ordinal);

        // No event will come: the poll interval alone finds the new, better-ranked file.
        h.AddCni("05-cilium.conflist", Conflist("cilium", "cilium-cni"));
        await h.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("05-cilium.conflist", h.Output);
    }

    [Fact]
    public async Task ConfigMapWatcherCannotBeCreated_OnePassPerChange_RetriedOnlyAtRotation_SaidOnce()
    {
        // One inotify instance left: CniDir gets it, the ConfigMap directory does not (issue: 5,000-9,000 passes and a
        // warning on every one).
        await using var h = new DaemonHarness();
        h.Watchers.FailFor = dir => dir == ConfigDir ? new IOException("The configured user limit (128) on the number of inotify instances has been reached") : null;
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var attempts = h.Watchers.Attempts[ConfigDir];
        var passes = h.Status.Passes;

        for (var i = 0; i < 20; i++)
        {
            await h.FireCniEvent();
        }

        // One pass per change, no retry of the ConfigMap watcher on those passes, one warning in all.
        Assert.Equal(passes + 20, h.Status.Passes);
        Assert.Equal(attempts, h.Watchers.Attempts[ConfigDir]);
        Assert.Equal(1, h.LogCount(LogEvents.ConfigWatchUnavailable));
        Assert.Equal(0, h.Metrics.WatchPolling.Value);

        // The rotation (every five minutes, at a resync) tries again; still no new warning for the same state.
        await h.Advance(TimeSpan.FromMinutes(5));
        Assert.True(h.Watchers.Attempts[ConfigDir] > attempts);
        Assert.Equal(1, h.LogCount(LogEvents.ConfigWatchUnavailable));

        // Once it can be made, the ConfigMap is watched again.
        h.Watchers.FailFor = null;
        await h.Advance(TimeSpan.FromMinutes(5));
        Assert.Contains(h.Watchers.Active, w => w.Directory == ConfigDir);
    }

    [Fact]
    public async Task Watcher_ReportsOverflow_IsRecreatedAndCounted()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var created = h.Watchers.Created;

        var before = h.Status.Passes;
        h.Watchers.Fail(CniDir, new InternalBufferOverflowException());
        await h.WaitForPasses(before + 1);

        Assert.Equal(1, h.Metrics.WatchRestarts.Value);
        Assert.True(h.Watchers.Created > created);
        Assert.Contains(h.Watchers.Active, w => w.Directory == CniDir);
    }

    [Fact]
    public async Task Resync_ChangeWithoutAnyEvent_IsFoundAndWatchersRotatedEveryFiveMinutes()
    {
        await using var h = new DaemonHarness(new Dictionary<string, string?> { ["Watch:Resync"] = "00:00:30" });
        h.AddCni("10-flannel.conflist", Conflist("cbr0", "flannel"));
        await h.StartAsync();
        var oldWatch = h.Watchers.Active.Single(w => w.Directory == CniDir);

        h.AddCni("05-cilium.conflist", Conflist("cilium", "cilium-cni"));
        await h.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("05-cilium.conflist", h.Output);
        Assert.Equal(1, h.Metrics.Resyncs.Value);
        Assert.False(oldWatch.Disposed);

        // The resync at five minutes replaces the watchers (a .NET watcher can die without saying so).
        await h.Advance(TimeSpan.FromSeconds(270));
        Assert.True(oldWatch.Disposed);
        Assert.Single(h.Watchers.Active, w => w.Directory == CniDir);
    }

    [Fact]
    public async Task Start_CniDirMissing_WaitsAndWritesWhenItAppears()
    {
        await using var h = new DaemonHarness(createCniDir: false);
        await h.StartAsync();
        Assert.Null(h.Output);
        Assert.Contains("does not exist", h.Status.Readiness().Reason, StringComparison.Ordinal);

        h.FileSystem.Directory.CreateDirectory(CniDir);
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("10-aws.conflist", h.Output);
        Assert.Contains(h.Watchers.Active, w => w.Directory == CniDir);
    }

    [Fact]
    public async Task ConfigMap_ValidEdit_AppliesLive()
    {
        await using var h = new DaemonHarness();
        h.SetConfig("Primary__Prefer", "file:10-aws.conflist");
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        h.AddCni("11-bws.conflist", Conflist("bws-cni", "aws-cni"));
        await h.StartAsync();
        Assert.Contains("10-aws.conflist", h.Output);

        h.SetConfig("Primary__Prefer", "file:11-bws.conflist");
        await h.FireConfigEvent();

        Assert.Contains("11-bws.conflist", h.Output);
        Assert.Equal(2, h.Live.Generation);
        Assert.Equal(1, h.Metrics.ConfigReloads.WithLabels("applied").Value);
    }

    [Fact]
    public async Task ConfigMap_InvalidEdit_RefusedAndLastGoodStays()
    {
        await using var h = new DaemonHarness();
        h.SetConfig("Primary__Prefer", "file:10-aws.conflist");
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        h.AddCni("11-bws.conflist", Conflist("bws-cni", "aws-cni"));
        await h.StartAsync();

        h.SetConfig("Primary__Prefer", "colour:red");
        await h.FireConfigEvent();
        await h.FireConfigEvent();

        Assert.Contains("10-aws.conflist", h.Output);
        Assert.Equal(1, h.Live.Generation);
        Assert.Equal(1, h.Metrics.ConfigReloads.WithLabels("rejected").Value);
        Assert.Equal(1, h.LogCount(LogEvents.ConfigRejected));
    }

    [Fact]
    public async Task Grace_PrimaryMidWrite_HeldThenLowerRankedTakesOverAfterGrace()
    {
        await using var h = new DaemonHarness(Prefer("type:calico,type:flannel"));
        h.AddCni("10-calico.conflist", Conflist("k8s-pod-network", "calico"));
        h.AddCni("20-flannel.conflist", Conflist("cbr0", "flannel"));
        await h.StartAsync();
        var good = h.Output;

        // A non-atomic writer has truncated the file and not yet written it.
        h.AddCni("10-calico.conflist", "{\"cniVersion\":");
        await h.FireCniEvent();
        Assert.Equal(good, h.Output);
        Assert.True(h.Status.Readiness().Ready);

        await h.Advance(TimeSpan.FromSeconds(5));
        Assert.Contains("20-flannel.conflist", h.Output);
    }

    [Fact]
    public async Task Stop_Default_LeavesOutput()
    {
        var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        await h.StopAsync();

        Assert.NotNull(h.Output);
        Assert.Empty(h.FileSystem.Directory.GetFiles(CniDir, ".aot-agent.*"));
        await h.DisposeAsync();
    }

    [Fact]
    public async Task Stop_CleanupOnExit_RemovesOutput()
    {
        var h = new DaemonHarness(new Dictionary<string, string?> { ["CleanupOnExit"] = "true" });
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        await h.StopAsync();

        Assert.Null(h.Output);
        Assert.True(h.FileSystem.File.Exists(CniDir + "/10-aws.conflist"));
        await h.DisposeAsync();
    }

    [Theory]
    [InlineData("00-aaa.conf")]
    [InlineData(".00-hidden.conf")] // containerd does not skip hidden names
    public async Task Pass_EarlierFileShadowsOutput_ReportedNotReady(string earlier)
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        h.AddCni(earlier, """{"cniVersion":"0.4.0","name":"x","type":"bridge"}""");
        await h.StartAsync();

        Assert.Equal(1, h.Metrics.OutputShadowed.Value);
        Assert.Contains("sorts before", h.Status.Readiness().Reason, StringComparison.Ordinal);
        Assert.Equal(0, h.Metrics.Ready.Value);
    }

    [Fact]
    public async Task Pass_DaemonConfigInAutoMode_LoggedOnceNotEveryPass()
    {
        await using var h = new DaemonHarness(new Dictionary<string, string?> { ["Multus:DaemonConfig"] = "/etc/cni/multus/daemon-config.json" });
        h.FileSystem.Directory.CreateDirectory("/etc/cni/multus");
        h.FileSystem.File.WriteAllText("/etc/cni/multus/daemon-config.json", """{"multusConfigFile":"auto","cniVersion":"0.3.1"}""");
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        await h.FireCniEvent();
        await h.FireCniEvent();

        Assert.Equal(1, h.LogCount(LogEvents.DaemonConfigFinding));
        Assert.Contains("auto", h.Status.Report().Explain!.DaemonConfigFindings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_CniDirReplacedBeforeThePass_WatcherReArmedOnTheNewDirectory()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var oldWatch = h.Watchers.Active.Single(w => w.Directory == CniDir);

        // mv net.d away, mkdir a new one, copy the primary back: one event reaches the old watcher, then nothing.
        h.FileSystem.Directory.Delete(CniDir, recursive: true);
        h.FileSystem.Directory.CreateDirectory(CniDir);
        h.FileSystem.Directory.SetCreationTimeUtc(CniDir, h.FileSystem.Directory.GetCreationTimeUtc(CniDir).AddMinutes(1));
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        var before = h.Status.Passes;
        oldWatch.OnEvent("10-aws.conflist", null);
        await h.WaitForPasses(before + 1);

        Assert.True(oldWatch.Disposed);
        Assert.Single(h.Watchers.Active, w => w.Directory == CniDir);
        Assert.Contains("10-aws.conflist", h.Output);
    }

    [Fact]
    public async Task Event_CniDirRemoved_DropsWatcherAndPollsUntilItReturns()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var oldWatch = h.Watchers.Active.Single(w => w.Directory == CniDir);

        h.FileSystem.Directory.Delete(CniDir, recursive: true);
        var before = h.Status.Passes;
        oldWatch.OnEvent("10-aws.conflist", null);
        await h.WaitForPasses(before + 1);
        Assert.True(oldWatch.Disposed);

        // The same primary comes back (another one would wait out Primary__InvalidGrace first, by design).
        h.FileSystem.Directory.CreateDirectory(CniDir);
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("10-aws.conflist", h.Output);
        Assert.Single(h.Watchers.Active, w => w.Directory == CniDir);
    }

    [Fact]
    public async Task Event_CniDirRenamedAwayAndReplaced_ParentWatchWakesTheLoop()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var cniWatch = h.Watchers.Active.Single(w => w.Directory == CniDir);

        // The old directory is renamed, not deleted: its watcher gets nothing. Only the parent sees the rename.
        h.FileSystem.Directory.Move(CniDir, CniDir + ".old");
        h.FileSystem.Directory.CreateDirectory(CniDir);
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        var before = h.Status.Passes;
        h.Watchers.Fire("/host/etc/cni");
        await h.WaitForPasses(before + 1);

        Assert.True(cniWatch.Disposed);
        Assert.Contains("10-aws.conflist", h.Output);
    }

    [Fact]
    public async Task Event_OwnTempFile_IgnoredButOutputEventsStillCount()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var passes = h.Status.Passes;

        // What the agent's own write looks like to inotify: the temp file created, written, renamed over the output.
        h.Watchers.Fire(CniDir, ".aot-agent.00-multus.conf.0123456789abcdef.tmp");
        h.Watchers.Fire(CniDir, "00-multus.conf", ".aot-agent.00-multus.conf.0123456789abcdef.tmp");
        await Task.Delay(200);
        Assert.Equal(passes, h.Status.Passes);

        // Another writer touching the output right after is still seen, and undone.
        h.FileSystem.File.WriteAllText(OutputPath, "{}");
        h.Watchers.Fire(CniDir, "00-multus.conf");
        await h.WaitForPasses(passes + 1);
        Assert.Contains("clusterNetwork", h.Output);
    }

    [Fact]
    public async Task StartupPass_TakenOver_WriteCountedAndAClobberBeforeTheWorkerIsAConflict()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        string? early = null;
        await h.StartWithEarlyPassAsync(() =>
        {
            early = h.Output;
            h.FileSystem.File.WriteAllText(OutputPath, "{}");
        });

        Assert.Contains("10-aws.conflist", early);
        Assert.Equal(early, h.Output);
        Assert.Equal(2, h.Metrics.OutputWrites.Value);
        Assert.Equal(1, h.Metrics.OutputConflicts.Value);
        Assert.Equal(1, h.LogCount(LogEvents.PrimaryChanged)); // "Primary is now" once, from the start-up pass
    }

    [Fact]
    public async Task WallClockSteppedBackDuringGrace_FailOverStillAfterTheGrace()
    {
        await using var h = new DaemonHarness(Prefer("type:calico,type:flannel"));
        h.AddCni("10-calico.conflist", Conflist("k8s-pod-network", "calico"));
        h.AddCni("20-flannel.conflist", Conflist("cbr0", "flannel"));
        await h.StartAsync();
        h.AddCni("10-calico.conflist", "{\"cniVersion\":");
        await h.FireCniEvent();
        Assert.Contains("10-calico.conflist", h.Output);

        h.Time.WallClockStep = TimeSpan.FromHours(-1);
        await h.Advance(TimeSpan.FromSeconds(5));

        Assert.Contains("20-flannel.conflist", h.Output);
    }

    [Fact]
    public async Task WallClockSteppedBack_ResyncsKeepTheirInterval()
    {
        await using var h = new DaemonHarness(new Dictionary<string, string?> { ["Watch:Resync"] = "00:00:02" });
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();

        h.Time.WallClockStep = TimeSpan.FromHours(-1);
        await h.Advance(TimeSpan.FromSeconds(2));
        await h.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(2, h.Metrics.Resyncs.Value);
        Assert.True(h.Status.Liveness().Live, h.Status.Liveness().Reason);
    }

    [Fact]
    public async Task UnexpectedExceptionInAPass_LoopSurvivesRetriesWithBackoffLivenessFailsPastTheBoundThenRecovers()
    {
        await using var h = new DaemonHarness();
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        h.Probe.FailWith = new InvalidOperationException("a bug, not an input");

        await h.FireCniEvent();
        Assert.Equal(1, h.Metrics.Reconciles.WithLabels("error").Value);
        Assert.Equal(1, h.LogCount(LogEvents.PassFailed));
        Assert.Contains("a bug, not an input", h.Status.Readiness().Reason, StringComparison.Ordinal);

        // Retries 1 s, 2 s, 4 s … apart, at most 30 s: the loop never spins and never ends.
        await h.Advance(TimeSpan.FromSeconds(1));
        await h.Advance(TimeSpan.FromSeconds(2));
        await h.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(4, h.Metrics.Reconciles.WithLabels("error").Value);
        Assert.Equal(h.Status.Passes, h.Metrics.ReconcileDuration.Count);
        Assert.Equal(1, h.LogCount(LogEvents.PassFailed));
        Assert.True(h.Status.Liveness().Live, h.Status.Liveness().Reason);

        for (var i = 0; i < 4; i++)
        {
            await h.Advance(TimeSpan.FromSeconds(30));
        }

        var (live, reason) = h.Status.Liveness();
        Assert.False(live);
        Assert.Contains("every pass has failed", reason, StringComparison.Ordinal);

        h.Probe.FailWith = null;
        await h.Advance(TimeSpan.FromSeconds(30));
        Assert.True(h.Status.Liveness().Live, h.Status.Liveness().Reason);
        Assert.True(h.Status.Readiness().Ready, h.Status.Readiness().Reason);
    }

    [Fact]
    public async Task Event_WritersHiddenTempFile_NoPassOfItsOwn_ItsRenameOnePass()
    {
        await using var h = new DaemonHarness(new Dictionary<string, string?> { ["Multus:Mode"] = "thin" });
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        var passes = h.Status.Passes;
        var events = h.Metrics.WatchEvents.Value;

        // A writer's temp file: created, written, then renamed over its target.
        h.Watchers.Fire(CniDir, ".10-aws.conflist.tmp-1234");
        h.Watchers.Fire(CniDir, ".10-aws.conflist.tmp-1234");
        h.AddCni("10-aws.conflist", Conflist("aws-cni2", "aws-cni"));
        await h.Next(() => h.Watchers.Fire(CniDir, "10-aws.conflist", ".10-aws.conflist.tmp-1234"));

        Assert.Equal(passes + 1, h.Status.Passes);
        Assert.Equal(events + 3, h.Metrics.WatchEvents.Value);
        Assert.Contains("aws-cni2", h.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_HiddenReadyFileInCniDir_StillWakesThePass()
    {
        await using var h = new DaemonHarness(new Dictionary<string, string?> { ["Primary:ReadyFile"] = CniDir + "/.ready" });
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        Assert.Null(h.Output);

        h.FileSystem.File.WriteAllText(CniDir + "/.ready", string.Empty);
        await h.Next(() => h.Watchers.Fire(CniDir, ".ready"));

        Assert.Contains("10-aws.conflist", h.Output, StringComparison.Ordinal);
    }
}

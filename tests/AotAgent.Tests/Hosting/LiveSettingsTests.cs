using AotAgent.Diagnostics;
using AotAgent.Tests.TestDoubles;
using static AotAgent.Tests.TestDoubles.DaemonHarness;

namespace AotAgent.Tests.Hosting;

/// <summary>Issue 15 in the daemon: no silent fall-back, shadowing said once per generation, a live rename moves the output.</summary>
public sealed class LiveSettingsTests
{
    /// <summary>05-cilium sorts first: the defaults would pick it, so a silent fall-back shows in the output.</summary>
    private static async Task<DaemonHarness> PinnedToAws(Dictionary<string, string?>? environment = null)
    {
        var h = new DaemonHarness(environment);
        h.AddCni("05-cilium.conflist", Conflist("cilium", "cilium-cni"));
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        h.SetConfig("Primary__Prefer", "file:10-aws.conflist\n");
        await h.StartAsync();
        Assert.Contains("/10-aws.conflist", h.Output);
        return h;
    }

    private static void EmptyConfigMap(DaemonHarness h)
    {
        foreach (var file in h.FileSystem.Directory.GetFiles(ConfigDir))
        {
            h.FileSystem.File.Delete(file);
        }
    }

    [Fact]
    public async Task ConfigMapEmptied_LastGoodKept_SaidOnceLoudly_ThenKeysBackApplied()
    {
        await using var h = await PinnedToAws();

        EmptyConfigMap(h);
        await h.FireConfigEvent();
        await h.FireConfigEvent();

        Assert.Contains("/10-aws.conflist", h.Output);
        Assert.Equal(1, h.Live.Generation);
        Assert.Equal(1, h.LogCount(LogEvents.ConfigMapEmptied));
        Assert.Equal(0, h.LogCount(LogEvents.ConfigRejected));
        Assert.Equal(1, h.Metrics.ConfigMapEmpty.Value);
        var (ready, reason) = h.Status.Readiness();
        Assert.True(ready, reason);
        Assert.Contains("is empty: the last good configuration (generation 1) stays in force; set Config__AllowEmpty=true", reason, StringComparison.Ordinal);
        Assert.Contains("Config__AllowEmpty", h.Status.Report().Daemon.ConfigNotice, StringComparison.Ordinal);

        h.SetConfig("Primary__Prefer", "file:10-aws.conflist");
        await h.FireConfigEvent();

        Assert.Equal(0, h.Metrics.ConfigMapEmpty.Value);
        Assert.Null(h.Status.Report().Daemon.ConfigNotice);
        Assert.Equal(1, h.LogCount(LogEvents.ConfigMapRestored));
        Assert.Equal(1, h.Live.Generation); // the same configuration: nothing new to apply
    }

    [Fact]
    public async Task ConfigMapDirectoryRemoved_LastGoodKept()
    {
        await using var h = await PinnedToAws();

        h.FileSystem.Directory.Delete(ConfigDir, recursive: true);
        await h.Advance(TimeSpan.FromSeconds(31));

        Assert.Contains("/10-aws.conflist", h.Output);
        Assert.Equal(1, h.LogCount(LogEvents.ConfigMapEmptied));
        Assert.Contains("is missing", h.Status.Readiness().Reason, StringComparison.Ordinal);
        Assert.Equal(1, h.Metrics.ConfigMapEmpty.Value);
    }

    [Fact]
    public async Task ConfigMapEmptied_AllowEmptyInTheEnvironment_DefaultsApplied()
    {
        await using var h = await PinnedToAws(new Dictionary<string, string?> { ["Config:AllowEmpty"] = "true" });

        EmptyConfigMap(h);
        await h.FireConfigEvent();

        Assert.Contains("/05-cilium.conflist", h.Output);
        Assert.Equal(2, h.Live.Generation);
        Assert.Equal(0, h.LogCount(LogEvents.ConfigMapEmptied));
    }

    [Fact]
    public async Task ConfigMapHoldingOnlyAllowEmpty_DefaultsAppliedOnPurpose()
    {
        await using var h = await PinnedToAws();

        EmptyConfigMap(h);
        h.SetConfig("Config__AllowEmpty", "true\n");
        await h.FireConfigEvent();

        Assert.Contains("/05-cilium.conflist", h.Output);
        Assert.Equal(2, h.Live.Generation);
    }

    [Fact]
    public async Task NoConfigMapAtStart_Fine_AndStaysDefaults()
    {
        await using var h = new DaemonHarness();
        h.FileSystem.Directory.Delete(ConfigDir);
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        await h.StartAsync();
        await h.Advance(TimeSpan.FromSeconds(31));

        Assert.Contains("/10-aws.conflist", h.Output);
        Assert.Equal(0, h.LogCount(LogEvents.ConfigMapEmptied));
        Assert.Equal(0, h.Metrics.ConfigMapEmpty.Value);
    }

    [Fact]
    public async Task ShadowedConfigMapKey_SaidOncePerGeneration_AndShownWithItsSource()
    {
        var h = new DaemonHarness(new Dictionary<string, string?> { ["Primary:Prefer"] = "file:10-aws.conflist" });
        await using var _ = h;
        h.AddCni("10-aws.conflist", Conflist("aws-cni", "aws-cni"));
        h.AddCni("10-calico.conflist", Conflist("k8s-pod-network", "calico"));
        h.SetConfig("Primary__Prefer", "file:10-calico.conflist");
        await h.StartAsync();
        Assert.Equal(1, h.LogCount(LogEvents.ConfigShadowed));
        await h.FireConfigEvent();
        Assert.Equal(1, h.LogCount(LogEvents.ConfigShadowed)); // nothing changed: not said again

        // The operator edits the shadowed key: a new generation, said again, and nothing changes in force.
        h.SetConfig("Primary__Prefer", "type:calico");
        await h.FireConfigEvent();

        Assert.Contains("/10-aws.conflist", h.Output);
        Assert.Equal(2, h.Live.Generation);
        Assert.Equal(2, h.LogCount(LogEvents.ConfigShadowed));
        var message = h.Logs.GetSnapshot().Last(r => r.Id.Id == LogEvents.ConfigShadowed).Message;
        Assert.Contains("Primary__Prefer='type:calico' is shadowed by the environment ('file:10-aws.conflist')", message, StringComparison.Ordinal);
        Assert.Equal(1, h.Metrics.ConfigShadowedKeys.Value);
        var setting = h.Status.Report().Explain!.Settings.Single(s => s.Key == "Primary__Prefer");
        Assert.Equal(new SettingReport("Primary__Prefer", "file:10-aws.conflist", "environment", setting.Shadowed), setting);
        Assert.Equal([new ShadowedSettingReport("configmap", "type:calico")], setting.Shadowed);
        Assert.Equal("default", h.Status.Report().Explain!.Settings.Single(s => s.Key == "Multus__Mode").Source);
    }

    [Fact]
    public async Task ConfNameChangedLive_NewNameWritten_OldRemovedAndFlushed()
    {
        await using var h = await PinnedToAws();
        var flushes = h.DirectorySync.Flushed.Count;

        h.SetConfig("Multus__ConfName", "01-multus");
        await h.FireConfigEvent();

        Assert.False(h.FileSystem.File.Exists(OutputPath));
        Assert.Contains("/10-aws.conflist", h.FileSystem.File.ReadAllText(CniDir + "/01-multus.conf"));
        Assert.True(h.DirectorySync.Flushed.Count >= flushes + 2, "the write and the removal each flush the directory");
        Assert.Equal(1, h.LogCount(LogEvents.OutputRenamed));
        Assert.Equal(0, h.Metrics.OutputConflicts.Value);
        Assert.True(h.Status.Readiness().Ready, h.Status.Readiness().Reason);

        await h.FireCniEvent();
        Assert.Equal(1, h.LogCount(LogEvents.OutputRenamed));
    }

    [Fact]
    public async Task ConfNameChangedLive_OldNameNoLongerAMultusConfig_Kept()
    {
        await using var h = await PinnedToAws();
        var foreign = Conflist("other", "bridge");

        h.SetConfig("Multus__ConfName", "01-multus");
        h.FileSystem.File.WriteAllText(OutputPath, foreign);
        await h.FireConfigEvent();

        Assert.Equal(foreign, h.FileSystem.File.ReadAllText(OutputPath));
        Assert.True(h.FileSystem.File.Exists(CniDir + "/01-multus.conf"));
        Assert.Equal(1, h.LogCount(LogEvents.OldOutputKept));
    }

    [Fact]
    public async Task BadLoggingValueArrivingLive_Refused_LastGoodKept()
    {
        await using var h = await PinnedToAws();

        h.SetConfig("Logging__LogLevel__Default", "Loud");
        await h.FireConfigEvent();

        Assert.Equal(1, h.Live.Generation);
        Assert.Equal(1, h.Metrics.ConfigReloads.WithLabels("rejected").Value);
        Assert.Contains("Logging__LogLevel__Default='Loud'", h.Live.LastRejection, StringComparison.Ordinal);
    }

    /// <summary>The alert's level: 1 while the ConfigMap holds a refused value (said once, still refused), 0 once fixed.</summary>
    [Fact]
    public async Task RefusedConfigMap_RejectedGaugeOneWhileItLasts_ZeroOnceFixed()
    {
        await using var h = await PinnedToAws();
        Assert.Equal(0, h.Metrics.ConfigRejected.Value);

        h.SetConfig("Watch__Resync", "5s");
        await h.FireConfigEvent();
        await h.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(1, h.Metrics.ConfigRejected.Value);
        Assert.Equal(1, h.Metrics.ConfigReloads.WithLabels("rejected").Value);

        h.SetConfig("Watch__Resync", "00:00:05");
        await h.FireConfigEvent();

        Assert.Equal(0, h.Metrics.ConfigRejected.Value);
        Assert.Equal(2, h.Live.Generation);
    }
}

using k8s.Models;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// The chart values issue 14 asked for, as Cilium, Istio CNI and Calico charts have them: extra volumes and mounts, the
/// whole updateStrategy, an image digest, FallbackToLogsOnError, scrape annotations off under a PodMonitor, and empty
/// values that render.
/// </summary>
public sealed class ChartFeatureTests
{
    private static RenderedManifest Render(params string[] arguments) => RenderedManifest.Parse(Helm.Template(arguments));

    private static ProcessResult TryRender(params string[] arguments) => Helm.TryTemplate(Helm.DefaultRelease, Helm.DefaultNamespace, arguments);

    [Fact]
    public void OperatorFeatures_VolumesMountsDigestAndStrategy_PassedThrough()
    {
        var manifest = Render("-f", Helm.ValuesFile("operator-features.yaml"));
        var container = manifest.Container;
        var volumes = manifest.PodSpec.Volumes.ToDictionary(v => v.Name, StringComparer.Ordinal);

        Assert.Equal("ghcr.io/aot-agent/aot-agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", container.Image);
        Assert.Equal("multus-daemon-config", volumes["multus-daemon-config"].ConfigMap.Name);
        Assert.Equal(("/etc/crio", "Directory"), (volumes["crio-config"].HostPath.Path, volumes["crio-config"].HostPath.Type));
        Assert.Equal(["cni-net-dir", "config", "multus-daemon-config", "crio-config"], manifest.PodSpec.Volumes.Select(v => v.Name));
        var mounts = container.VolumeMounts.ToDictionary(m => m.Name, StringComparer.Ordinal);
        Assert.Equal(("/etc/multus", true), (mounts["multus-daemon-config"].MountPath, mounts["multus-daemon-config"].ReadOnlyProperty));
        Assert.Equal("/host/etc/crio", mounts["crio-config"].MountPath);
        Assert.Equal("/etc/multus/daemon-config.json", manifest.Single<V1ConfigMap>().Data["Multus__DaemonConfig"]);

        var strategy = manifest.DaemonSet.Spec.UpdateStrategy;
        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal("20%", strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("0", strategy.RollingUpdate.MaxSurge.Value);
    }

    [Fact]
    public void Image_WithoutDigest_IsTheTag_AndABadDigestIsRefused()
    {
        Assert.Equal("ghcr.io/aot-agent/aot-agent:1.2.3", Render("--set", "image.tag=1.2.3").Container.Image);

        var bad = TryRender("--set", "image.digest=sha256:abc");
        Assert.False(bad.Succeeded, bad.Describe());
        Assert.Contains("/image/digest", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraVolumeMounts_NamingNoVolume_OrTakingAChartVolumeName_Refused()
    {
        var unknown = TryRender("--set", "extraVolumeMounts[0].name=nope", "--set", "extraVolumeMounts[0].mountPath=/x");
        Assert.False(unknown.Succeeded, unknown.Describe());
        Assert.Contains("extraVolumeMounts: nope names no volume", unknown.StdErr, StringComparison.Ordinal);

        var taken = TryRender("--set", "extraVolumes[0].name=config", "--set-json", "extraVolumes[0].emptyDir={}");
        Assert.False(taken.Succeeded, taken.Describe());
        Assert.Contains("the name config is taken", taken.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateStrategy_OnDelete_LeavesRollingUpdateOut()
    {
        var strategy = Render("--set", "updateStrategy.type=OnDelete").DaemonSet.Spec.UpdateStrategy;

        Assert.Equal("OnDelete", strategy.Type);
        Assert.Null(strategy.RollingUpdate);
    }

    /// <summary>A surge pod cannot start beside the old one (same host ports): refused with the reason, never dropped.</summary>
    [Theory]
    [InlineData("1")]
    [InlineData("10%")]
    public void UpdateStrategy_MaxSurgeAboveZero_RefusedSayingWhy(string surge)
    {
        var result = TryRender("--set", $"updateStrategy.rollingUpdate.maxSurge={surge}");

        Assert.False(result.Succeeded, result.Describe());
        Assert.Contains($"updateStrategy.rollingUpdate.maxSurge={surge} cannot work here", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("host network", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_TerminationMessage_FallsBackToTheLog()
    {
        // A refused configuration is one line on stderr and exit 2: kubectl describe pod shows it.
        Assert.Equal("FallbackToLogsOnError", Render().Container.TerminationMessagePolicy);
    }

    [Fact]
    public void PodMonitorOn_ScrapeAnnotationsOff_EvenWithPrometheusScrapeTrue()
    {
        var manifest = Render("--set", "podMonitor.enabled=true", "--set", "prometheus.scrape=true");

        Assert.Single(manifest.Documents, d => d.Kind == "PodMonitor");
        var annotations = manifest.DaemonSet.Spec.Template.Metadata.Annotations ?? new Dictionary<string, string>();
        Assert.DoesNotContain(annotations.Keys, k => k.StartsWith("prometheus.io/", StringComparison.Ordinal));
    }

    public static TheoryData<string> EmptyValues() =>
    [
        "config=null", "config={}", "serviceAccount=null", "prometheus=null", "podMonitor=null", "prometheusRule=null",
        "grafanaDashboard=null", "updateStrategy=null", "updateStrategy={}", "extraVolumes=null", "extraVolumeMounts=null",
        "extraEnv=null", "imagePullSecrets=null", "podAnnotations=null", "podLabels=null", "priorityClassName=null",
        "terminationGracePeriodSeconds=null", "livenessProbe=null", "readinessProbe=null", "resources=null",
        "nodeSelector=null", "tolerations=null", "extraTolerations=null", "extraMatchExpressions=null",
    ];

    /// <summary>Empty values render, NOTES.txt included (helm install prints it; helm template does not run it).</summary>
    [Theory]
    [MemberData(nameof(EmptyValues))]
    public void EmptyValue_RendersAndInstalls_NotesIncluded(string assignment)
    {
        var template = TryRender("--set-json", assignment);
        Assert.True(template.Succeeded, template.Describe());
        Assert.Single(RenderedManifest.Parse(template.StdOut).OfType<V1DaemonSet>());

        var install = Helm.Run("install", "--dry-run=client", Helm.DefaultRelease, RepoPaths.ChartDir, "-n", Helm.DefaultNamespace, "--set-json", assignment);
        Assert.True(install.Succeeded, install.Describe());
        Assert.Contains("NOTES:", install.StdOut, StringComparison.Ordinal);
        Assert.Contains("helm uninstall aot-agent -n kube-system", install.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigNull_ConfigMapHasNoData_AndTheAgentGetsItsDefaults()
    {
        var configMap = Render("--set-json", "config=null").Single<V1ConfigMap>();

        Assert.True(configMap.Data is null || configMap.Data.Count == 0);
    }

    [Fact]
    public void ConfigKeySetToNull_IsLeftOut_OthersKept()
    {
        var data = Render("--set-json", "config.Multus__Mode=null", "--set", "config.Primary__Prefer=type:calico").Single<V1ConfigMap>().Data;

        Assert.False(data.ContainsKey("Multus__Mode"));
        Assert.Equal("type:calico", data["Primary__Prefer"]);
    }
}

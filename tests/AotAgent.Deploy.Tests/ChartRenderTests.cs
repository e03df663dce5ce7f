using k8s.Models;

namespace AotAgent.Deploy.Tests;

public sealed class ChartRenderTests
{
    private static RenderedManifest Render(params string[] arguments) => RenderedManifest.Parse(Helm.Template(arguments));

    private static RenderedManifest RenderFile(string valuesFile) => Render("-f", Helm.ValuesFile(valuesFile));

    [Theory]
    [MemberData(nameof(ValuesMatrix.Files), MemberType = typeof(ValuesMatrix))]
    public void Template_ValuesMatrix_EveryObjectDeserializesStrictly(string valuesFile)
    {
        var manifest = RenderFile(valuesFile);

        Assert.NotEmpty(manifest.Documents);
        Assert.Single(manifest.OfType<V1DaemonSet>());
        Assert.Single(manifest.OfType<V1ConfigMap>(), cm => cm.Metadata.Name == manifest.DaemonSet.Metadata.Name);
        Assert.All(manifest.Documents, d => Assert.Equal(Helm.DefaultNamespace, d.Namespace));
        string[] allowedKinds = ["DaemonSet", "ConfigMap", "ServiceAccount", "PodMonitor", "PrometheusRule"];
        Assert.All(manifest.Documents, d => Assert.Contains(d.Kind, allowedKinds));
    }

    [Fact]
    public void StrictDeserialization_RejectsUnknownFields()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: x
            spec:
              hostNetwrok: true
            """;
        Assert.ThrowsAny<Exception>(() => RenderedManifest.LoadStrict(yaml, "typo"));
    }

    [Fact]
    public void Defaults_DaemonSet_HasTheRequiredShape()
    {
        var manifest = RenderFile("defaults.yaml");
        var ds = manifest.DaemonSet;
        var pod = manifest.PodSpec;
        var container = manifest.Container;

        Assert.Equal("aot-agent", ds.Metadata.Name);
        Assert.True(pod.HostNetwork);
        Assert.Equal("ClusterFirstWithHostNet", pod.DnsPolicy);
        Assert.Equal("system-node-critical", pod.PriorityClassName);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Equal("aot-agent", pod.ServiceAccountName);
        Assert.InRange(pod.TerminationGracePeriodSeconds ?? 30, 3, 15);
        Assert.Equal("RollingUpdate", ds.Spec.UpdateStrategy.Type);
        Assert.Equal("1", ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value);

        Assert.Equal("ghcr.io/aot-agent/aot-agent:0.1.0", container.Image);
        Assert.Equal(["run"], container.Args);
        Assert.Equal([("http", 9747, "TCP"), ("probe", 9748, "TCP")], container.Ports.Select(p => (p.Name, p.ContainerPort, p.Protocol)));
        Assert.All(container.Ports, p => Assert.Null(p.HostPort));

        // The kubelet probes the loopback probe listener (own connection cap), never the scrape port on the node address.
        Assert.Equal(("/healthz", "probe", "127.0.0.1"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value, container.LivenessProbe.HttpGet.Host));
        Assert.Equal(("/readyz", "probe", "127.0.0.1"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value, container.ReadinessProbe.HttpGet.Host));

        var env = container.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        Assert.Equal("/host/etc/cni/net.d", env["AOTAGENT_CniDir"]);
        Assert.Equal("/etc/aot-agent", env["AOTAGENT_ConfigDir"]);
        Assert.Equal("9747", env["AOTAGENT_Http__Port"]);
        Assert.Equal("9748", env["AOTAGENT_Http__ProbePort"]);
        Assert.Equal("json", env["AOTAGENT_Logging__Console__FormatterName"]);

        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        var sc = container.SecurityContext;
        Assert.Equal(0, sc.RunAsUser);
        Assert.Equal(0, sc.RunAsGroup);
        Assert.False(sc.RunAsNonRoot);
        Assert.False(sc.Privileged);
        Assert.False(sc.AllowPrivilegeEscalation);
        Assert.True(sc.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], sc.Capabilities.Drop);
        Assert.Null(sc.Capabilities.Add);
        Assert.Equal("RuntimeDefault", sc.SeccompProfile.Type);

        Assert.Equal("10m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("32Mi", container.Resources.Requests["memory"].ToString());
        Assert.Equal("96Mi", container.Resources.Limits["memory"].ToString());
        Assert.False(container.Resources.Limits.ContainsKey("cpu"));
    }

    [Fact]
    public void Defaults_Volumes_MountHostCniDirAndConfigMapDirectory()
    {
        var manifest = RenderFile("defaults.yaml");
        var mounts = manifest.Container.VolumeMounts.ToDictionary(m => m.MountPath, StringComparer.Ordinal);
        var volumes = manifest.PodSpec.Volumes.ToDictionary(v => v.Name, StringComparer.Ordinal);

        var cni = mounts["/host/etc/cni/net.d"];
        Assert.NotEqual(true, cni.ReadOnlyProperty);
        Assert.Null(cni.SubPath);
        Assert.Equal("/etc/cni/net.d", volumes[cni.Name].HostPath.Path);
        Assert.Equal("DirectoryOrCreate", volumes[cni.Name].HostPath.Type);

        var config = mounts["/etc/aot-agent"];
        Assert.True(config.ReadOnlyProperty);
        Assert.Null(config.SubPath); // a subPath mount would never see the kubelet's ..data swap
        var configMapName = volumes[config.Name].ConfigMap.Name;
        var configMap = Assert.Single(manifest.OfType<V1ConfigMap>(), cm => cm.Metadata.Name == configMapName);
        Assert.Equal("thick", configMap.Data["Multus__Mode"]);
        Assert.Equal(2, mounts.Count);
    }

    [Fact]
    public void Defaults_NoApiAccess_ServiceAccountWithoutTokenAndNoRbac()
    {
        var manifest = RenderFile("defaults.yaml");
        var sa = manifest.Single<V1ServiceAccount>();
        Assert.False(sa.AutomountServiceAccountToken);
        Assert.Equal(sa.Metadata.Name, manifest.PodSpec.ServiceAccountName);
        Assert.DoesNotContain(manifest.Documents, d => d.ApiVersion.StartsWith("rbac.authorization.k8s.io", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_PrometheusAnnotations_AndNoRolloutChecksum()
    {
        var annotations = RenderFile("defaults.yaml").DaemonSet.Spec.Template.Metadata.Annotations;
        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal("9747", annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        Assert.DoesNotContain(annotations.Keys, k => k.StartsWith("checksum/", StringComparison.Ordinal));
    }

    [Fact]
    public void Thin_ConfigValues_BecomeOneFilePerKey_WithoutRollout()
    {
        var manifest = RenderFile("thin-mode.yaml");
        var data = manifest.Single<V1ConfigMap>().Data;
        Assert.Equal("thin", data["Multus__Mode"]);
        Assert.Equal("file:10-aws.conflist,type:calico", data["Primary__Prefer"]);
        Assert.Equal("00:00:30", data["Watch__Resync"]);
        Assert.DoesNotContain(
            manifest.DaemonSet.Spec.Template.Metadata.Annotations?.Keys ?? [],
            k => k.StartsWith("checksum/", StringComparison.Ordinal));
    }

    [Fact]
    public void Overrides_AreApplied()
    {
        var manifest = RenderFile("overrides.yaml");
        var pod = manifest.PodSpec;
        var container = manifest.Container;
        var annotations = manifest.DaemonSet.Spec.Template.Metadata.Annotations;

        Assert.Equal("registry.example.com/mirror/aot-agent:0.1.0-rc.1", container.Image);
        Assert.Equal("Always", container.ImagePullPolicy);
        Assert.Equal("mirror-pull", Assert.Single(pod.ImagePullSecrets).Name);
        Assert.Empty(manifest.OfType<V1ServiceAccount>());
        Assert.Equal("node-agents", pod.ServiceAccountName);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Equal(64, annotations["checksum/config"].Length);
        Assert.Equal("networking", annotations["example.com/owner"]);
        Assert.Equal("19747", annotations["prometheus.io/port"]);
        Assert.Equal("networking", manifest.DaemonSet.Spec.Template.Metadata.Labels["example.com/team"]);
        Assert.Equal([19747, 19748], container.Ports.Select(p => p.ContainerPort));
        var env = container.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        Assert.Equal("19747", env["AOTAGENT_Http__Port"]);
        Assert.Equal("19748", env["AOTAGENT_Http__ProbePort"]);
        Assert.Equal("simple", env["AOTAGENT_Logging__Console__FormatterName"]);
        Assert.Equal("true", env["AOTAGENT_DryRun"]);
        Assert.Equal("system-cluster-critical", pod.PriorityClassName);
        Assert.Equal("10%", manifest.DaemonSet.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal(5, pod.TerminationGracePeriodSeconds);
        Assert.Contains(pod.Volumes, v => v.HostPath?.Path == "/var/lib/cni/net.d");
        Assert.Equal("64Mi", container.Resources.Limits["memory"].ToString());
    }

    [Fact]
    public void RollOnConfigChange_ChecksumFollowsConfig()
    {
        static string Checksum(string prefer) => RenderedManifest.Parse(Helm.Template(
            "--set", "rollOnConfigChange=true", "--set", $"config.Primary__Prefer={prefer}"))
            .DaemonSet.Spec.Template.Metadata.Annotations["checksum/config"];

        Assert.Equal(Checksum("type:calico"), Checksum("type:calico"));
        Assert.NotEqual(Checksum("type:calico"), Checksum("type:cilium"));
    }

    [Fact]
    public void PrometheusScrapeOff_RemovesAnnotations()
    {
        var annotations = Render("--set", "prometheus.scrape=false").DaemonSet.Spec.Template.Metadata.Annotations;
        Assert.True(annotations is null || !annotations.Keys.Any(k => k.StartsWith("prometheus.io/", StringComparison.Ordinal)));
    }

    [Fact]
    public void PodMonitor_IsOffByDefault_AndWellFormedWhenEnabled()
    {
        Assert.DoesNotContain(RenderFile("defaults.yaml").Documents, d => d.Kind == "PodMonitor");

        var manifest = RenderFile("podmonitor.yaml");
        var podMonitor = manifest.SingleRaw("PodMonitor");
        var doc = Assert.Single(manifest.Documents, d => d.Kind == "PodMonitor");
        Assert.Equal("monitoring.coreos.com/v1", doc.ApiVersion);
        Assert.Equal(manifest.DaemonSet.Metadata.Name, doc.Name);

        var metadata = (Dictionary<object, object?>)podMonitor["metadata"]!;
        var labels = (Dictionary<object, object?>)metadata["labels"]!;
        Assert.Equal("kube-prometheus-stack", labels["release"]);

        var spec = (Dictionary<object, object?>)podMonitor["spec"]!;
        var selector = (Dictionary<object, object?>)((Dictionary<object, object?>)spec["selector"]!)["matchLabels"]!;
        Assert.Equal(
            manifest.DaemonSet.Spec.Selector.MatchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(),
            selector.Select(kv => new KeyValuePair<string, string>((string)kv.Key, (string)kv.Value!)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList());
        var endpoint = (Dictionary<object, object?>)Assert.Single((List<object?>)spec["podMetricsEndpoints"]!)!;
        Assert.Equal("http", endpoint["port"]);
        Assert.Equal("/metrics", endpoint["path"]);
        Assert.Equal("15s", endpoint["interval"]);

        var annotations = manifest.DaemonSet.Spec.Template.Metadata.Annotations;
        Assert.True(annotations is null || !annotations.ContainsKey("prometheus.io/scrape"));
    }

    [Fact]
    public void GrafanaDashboardConfigMap_IsOffByDefault_AndCarriesTheDashboard()
    {
        Assert.Single(RenderFile("defaults.yaml").OfType<V1ConfigMap>());

        var manifest = RenderFile("dashboard.yaml");
        var dashboard = Assert.Single(manifest.OfType<V1ConfigMap>(), cm => cm.Metadata.Name == "aot-agent-dashboard");
        Assert.Equal("1", dashboard.Metadata.Labels["grafana_dashboard"]);
        Assert.Equal("Networking", dashboard.Metadata.Annotations["grafana_folder"]);
        var json = File.ReadAllText(RepoPaths.At("deploy", "grafana", "aot-agent-dashboard.json"));
        Assert.Equal(json.TrimEnd('\n'), dashboard.Data["aot-agent-dashboard.json"]);
    }

    [Fact]
    public void TwoReleases_SideBySide_DoNotCollide()
    {
        var a = RenderedManifest.Parse(Helm.TemplateRelease("pool-a", Helm.DefaultNamespace,
            "-f", Helm.ValuesFile("pool-a.yaml"), "--set", "podMonitor.enabled=true", "--set", "grafanaDashboard.enabled=true"));
        var b = RenderedManifest.Parse(Helm.TemplateRelease("pool-b", Helm.DefaultNamespace,
            "-f", Helm.ValuesFile("pool-b.yaml"), "--set", "podMonitor.enabled=true", "--set", "grafanaDashboard.enabled=true"));

        var keys = a.Documents.Concat(b.Documents).Select(d => (d.Kind, d.Namespace, d.Name)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());

        var selectorA = a.DaemonSet.Spec.Selector.MatchLabels;
        var selectorB = b.DaemonSet.Spec.Selector.MatchLabels;
        Assert.Equal("pool-a", selectorA["app.kubernetes.io/instance"]);
        Assert.Equal("pool-b", selectorB["app.kubernetes.io/instance"]);
        Assert.False(Selects(selectorA, b.DaemonSet.Spec.Template.Metadata.Labels), "release A's selector matches release B's pods");
        Assert.False(Selects(selectorB, a.DaemonSet.Spec.Template.Metadata.Labels), "release B's selector matches release A's pods");
        Assert.True(Selects(selectorA, a.DaemonSet.Spec.Template.Metadata.Labels));

        // Each DaemonSet mounts its own ConfigMap and uses its own ServiceAccount.
        Assert.Equal("pool-a-aot-agent", a.PodSpec.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Name);
        Assert.Equal("pool-b-aot-agent", b.PodSpec.ServiceAccountName);
        Assert.Equal("a", a.PodSpec.NodeSelector["node.example.com/pool"]);
        Assert.Equal("b", b.PodSpec.NodeSelector["node.example.com/pool"]);
    }

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

using k8s.Models;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// Evaluates real-shaped nodes against the RENDERED DaemonSet's tolerations, nodeSelector and required
/// node affinity with Kubernetes' matching rules (see <see cref="DaemonSetScheduling"/>).
/// </summary>
public sealed class SchedulingTests
{
    private static V1PodSpec PodSpec(params string[] arguments) => RenderedManifest.Parse(Helm.Template(arguments)).PodSpec;

    private static string[] Placement(V1PodSpec spec, IEnumerable<V1Node> nodes) =>
        [.. nodes.Where(n => DaemonSetScheduling.ShouldRun(spec, n)).Select(n => n.Metadata.Name).Order(StringComparer.Ordinal)];

    private static string[] Names(params V1Node[] nodes) => [.. nodes.Select(n => n.Metadata.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void Defaults_LandOnEveryRealLinuxNode_AndNoVirtualOrWindowsNode()
    {
        var spec = PodSpec();

        Assert.Equal(
            Names(TestNodes.Worker(), TestNodes.KubeadmControlPlane, TestNodes.LegacyMaster, TestNodes.NotReady, TestNodes.Gpu, TestNodes.SoftTainted),
            Placement(spec, TestNodes.All));
    }

    [Theory]
    [InlineData("fargate")]
    [InlineData("kwok")]
    [InlineData("kwok-labelled")]
    [InlineData("virtual-kubelet")]
    [InlineData("windows")]
    public void Defaults_ExcludeNonLinuxAndVirtualNodes_ByAffinityNotByTaints(string which)
    {
        var node = which switch
        {
            "fargate" => TestNodes.Fargate,
            "kwok" => TestNodes.Kwok,
            "kwok-labelled" => TestNodes.KwokLabelled,
            "virtual-kubelet" => TestNodes.VirtualKubelet,
            _ => TestNodes.Windows,
        };
        var spec = PodSpec();

        Assert.False(DaemonSetScheduling.ShouldRun(spec, node));
        // The blanket toleration covers the node's taints: it is the affinity that keeps the agent off.
        Assert.True(DaemonSetScheduling.ToleratesBlockingTaints([.. spec.Tolerations], node.Spec.Taints ?? []));
        Assert.False(DaemonSetScheduling.MatchesRequiredNodeAffinity(
            spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution, node));
    }

    [Fact]
    public void Defaults_KwokNodeWithOnlyAnnotationAndTaint_IsNotExcluded_DocumentedLimitation()
    {
        // Affinity can only match labels; a fake node with neither `type: kwok` nor a kwok.x-k8s.io/node label
        // looks like a real node, and `operator: Exists` tolerates its taint. deploy/README.md says so.
        Assert.True(DaemonSetScheduling.ShouldRun(PodSpec(), TestNodes.KwokAnnotationOnly));
        Assert.False(DaemonSetScheduling.ShouldRun(PodSpec("--set-json", "tolerations=[]"), TestNodes.KwokAnnotationOnly));
    }

    [Fact]
    public void Defaults_RenderTheDocumentedTolerationAndAffinity()
    {
        var spec = PodSpec();
        var toleration = Assert.Single(spec.Tolerations);
        Assert.Equal("Exists", toleration.OperatorProperty);
        Assert.Null(toleration.Key);
        Assert.Null(toleration.Effect);
        Assert.Null(spec.NodeSelector);

        var term = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        Assert.Equal(
            [
                "kubernetes.io/os In linux",
                "eks.amazonaws.com/compute-type NotIn fargate",
                "type NotIn virtual-kubelet,kwok",
                "kwok.x-k8s.io/node DoesNotExist ",
            ],
            term.MatchExpressions.Select(e => $"{e.Key} {e.OperatorProperty} {string.Join(',', e.Values ?? [])}"));
    }

    [Fact]
    public void TolerationsEmpty_KeepsPodsOffControlPlaneMasterGpuAndNotReadyNodes()
    {
        var spec = PodSpec("-f", Helm.ValuesFile("tolerations-removed.yaml"));

        Assert.Null(spec.Tolerations);
        // Only the DaemonSet controller's own tolerations remain; PreferNoSchedule never blocks.
        Assert.Equal(Names(TestNodes.Worker(), TestNodes.SoftTainted), Placement(spec, TestNodes.All));
    }

    [Fact]
    public void ExtraTolerations_AddWithoutRemovingTheDefaults()
    {
        var spec = PodSpec("--set-json", """extraTolerations=[{"key":"example.com/dedicated","operator":"Equal","value":"db","effect":"NoSchedule"}]""");

        Assert.Equal(2, spec.Tolerations.Count);
        Assert.Contains(spec.Tolerations, t => t.OperatorProperty == "Exists" && t.Key is null);
        Assert.Contains(spec.Tolerations, t => t.Key == "example.com/dedicated");
        Assert.Equal(
            Names(TestNodes.Worker(), TestNodes.KubeadmControlPlane, TestNodes.LegacyMaster, TestNodes.NotReady, TestNodes.Gpu, TestNodes.SoftTainted),
            Placement(spec, TestNodes.All));
    }

    [Fact]
    public void NoTolerationsPlusGpuToleration_AddsOnlyTheGpuNode_AndExtraExpressionsAreAnded()
    {
        var spec = PodSpec("-f", Helm.ValuesFile("extra-scheduling.yaml"));
        var excluded = TestNodes.Worker("worker-no-cni", new Dictionary<string, string> { ["node.example.com/cni"] = "none" });

        Assert.Equal(
            Names(TestNodes.Worker(), TestNodes.Gpu, TestNodes.SoftTainted),
            Placement(spec, [.. TestNodes.All, excluded]));
        var term = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        Assert.Equal(5, term.MatchExpressions.Count);
    }

    [Fact]
    public void AffinityEmpty_RemovesTheExclusions()
    {
        var spec = PodSpec("-f", Helm.ValuesFile("affinity-removed.yaml"));

        Assert.Null(spec.Affinity);
        Assert.Equal(Names([.. TestNodes.All]), Placement(spec, TestNodes.All));
    }

    [Fact]
    public void AffinityEmpty_WithExtraMatchExpressions_UsesOnlyTheExtras()
    {
        var spec = PodSpec("--set-json", "affinity={}", "--set-json",
            """extraMatchExpressions=[{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]""");

        var term = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        Assert.Single(term.MatchExpressions);
        Assert.Contains(TestNodes.Fargate.Metadata.Name, Placement(spec, TestNodes.All));
        Assert.DoesNotContain(TestNodes.Windows.Metadata.Name, Placement(spec, TestNodes.All));
    }

    [Fact]
    public void CustomAffinity_ReplacesTheDefault_WithoutDeepMerge()
    {
        var spec = PodSpec("-f", Helm.ValuesFile("custom-affinity.yaml"));

        var term = Assert.Single(spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms);
        Assert.Equal("kubernetes.io/os", Assert.Single(term.MatchExpressions).Key);
        Assert.Single(spec.Affinity.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution);
        Assert.Contains(TestNodes.Fargate.Metadata.Name, Placement(spec, TestNodes.All));
    }

    [Fact]
    public void NodeSelectorPoolSplit_TwoReleasesCoverDisjointNodes()
    {
        var poolA = PodSpec("-f", Helm.ValuesFile("pool-a.yaml"));
        var poolB = PodSpec("-f", Helm.ValuesFile("pool-b.yaml"));
        V1Node[] nodes =
        [
            TestNodes.Worker("a-1", new Dictionary<string, string> { ["node.example.com/pool"] = "a" }),
            TestNodes.Worker("a-2", new Dictionary<string, string> { ["node.example.com/pool"] = "a" }),
            TestNodes.Worker("b-1", new Dictionary<string, string> { ["node.example.com/pool"] = "b" }),
            TestNodes.Worker("unpooled"),
        ];

        Assert.Equal(["a-1", "a-2"], Placement(poolA, nodes));
        Assert.Equal(["b-1"], Placement(poolB, nodes));
        // The default exclusions still apply inside a pool.
        Assert.NotNull(poolA.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution);
    }

    [Theory]
    [InlineData("In", new[] { "a", "b" }, "b", true)]
    [InlineData("In", new[] { "a" }, null, false)]
    [InlineData("NotIn", new[] { "a" }, null, true)]
    [InlineData("NotIn", new[] { "a" }, "a", false)]
    [InlineData("Exists", new string[0], "", true)]
    [InlineData("Exists", new string[0], null, false)]
    [InlineData("DoesNotExist", new string[0], null, true)]
    [InlineData("DoesNotExist", new string[0], "x", false)]
    [InlineData("Gt", new[] { "4" }, "8", true)]
    [InlineData("Gt", new[] { "4" }, "4", false)]
    [InlineData("Lt", new[] { "4" }, "3", true)]
    [InlineData("Lt", new[] { "4" }, null, false)]
    [InlineData("Gt", new[] { "4" }, "many", false)]
    public void Matcher_NodeSelectorOperators_FollowKubernetes(string op, string[] values, string? label, bool expected)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (label is not null)
        {
            labels["k"] = label;
        }

        var requirement = new V1NodeSelectorRequirement { Key = "k", OperatorProperty = op, Values = values.Length == 0 ? null : values };
        Assert.Equal(expected, DaemonSetScheduling.Matches(requirement, labels));
    }

    [Fact]
    public void Matcher_TolerationRules_FollowKubernetes()
    {
        var taint = new V1Taint { Key = "nvidia.com/gpu", Value = "present", Effect = "NoSchedule" };

        Assert.True(DaemonSetScheduling.ToleratesTaint(new V1Toleration { OperatorProperty = "Exists" }, taint));
        Assert.True(DaemonSetScheduling.ToleratesTaint(new V1Toleration { Key = "nvidia.com/gpu", OperatorProperty = "Exists" }, taint));
        Assert.True(DaemonSetScheduling.ToleratesTaint(new V1Toleration { Key = "nvidia.com/gpu", Value = "present" }, taint));
        Assert.False(DaemonSetScheduling.ToleratesTaint(new V1Toleration { Key = "nvidia.com/gpu", Value = "absent", OperatorProperty = "Equal" }, taint));
        Assert.False(DaemonSetScheduling.ToleratesTaint(new V1Toleration { OperatorProperty = "Exists", Effect = "NoExecute" }, taint));
        Assert.False(DaemonSetScheduling.ToleratesTaint(new V1Toleration { Key = "other", OperatorProperty = "Exists" }, taint));
        Assert.True(DaemonSetScheduling.ToleratesBlockingTaints([], [new V1Taint { Key = "x", Effect = "PreferNoSchedule" }]));
        Assert.False(DaemonSetScheduling.MatchesTerm(new V1NodeSelectorTerm(), TestNodes.Worker()));
    }
}

using k8s.Models;

namespace AotAgent.Deploy.Tests;

/// <summary>Nodes shaped like the real ones (labels, annotations and taints their tooling sets).</summary>
internal static class TestNodes
{
    public static V1Node Worker(string name = "worker-1", IDictionary<string, string>? extraLabels = null) =>
        Node(name, Linux(name, extraLabels));

    public static V1Node KubeadmControlPlane { get; } = Node(
        "cp-1",
        Linux("cp-1", new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "" }),
        taints: [Taint("node-role.kubernetes.io/control-plane", null, "NoSchedule")]);

    public static V1Node LegacyMaster { get; } = Node(
        "master-1",
        Linux("master-1", new Dictionary<string, string> { ["node-role.kubernetes.io/master"] = "" }),
        taints: [Taint("node-role.kubernetes.io/master", null, "NoSchedule")]);

    /// <summary>A node that just joined: the node lifecycle controller taints it not-ready and network-unavailable.</summary>
    public static V1Node NotReady { get; } = Node(
        "new-node-1",
        Linux("new-node-1"),
        taints:
        [
            Taint("node.kubernetes.io/not-ready", null, "NoSchedule"),
            Taint("node.kubernetes.io/not-ready", null, "NoExecute"),
            Taint("node.kubernetes.io/network-unavailable", null, "NoSchedule"),
        ]);

    public static V1Node Gpu { get; } = Node(
        "gpu-1",
        Linux("gpu-1", new Dictionary<string, string> { ["nvidia.com/gpu.present"] = "true" }),
        taints: [Taint("nvidia.com/gpu", "present", "NoSchedule")]);

    /// <summary>PreferNoSchedule never blocks a DaemonSet pod.</summary>
    public static V1Node SoftTainted { get; } = Node(
        "soft-1",
        Linux("soft-1"),
        taints: [Taint("example.com/maintenance", "soon", "PreferNoSchedule")]);

    public static V1Node Windows { get; } = Node(
        "win-1",
        new Dictionary<string, string>
        {
            ["kubernetes.io/os"] = "windows",
            ["beta.kubernetes.io/os"] = "windows",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = "win-1",
            ["node.kubernetes.io/windows-build"] = "10.0.20348",
        });

    /// <summary>EKS Fargate: label and taint eks.amazonaws.com/compute-type=fargate.</summary>
    public static V1Node Fargate { get; } = Node(
        "fargate-ip-192-168-101-12.eu-west-1.compute.internal",
        new Dictionary<string, string>
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["eks.amazonaws.com/compute-type"] = "fargate",
            ["eks.amazonaws.com/fargate-profile"] = "fp-default",
            ["failure-domain.beta.kubernetes.io/region"] = "eu-west-1",
            ["failure-domain.beta.kubernetes.io/zone"] = "eu-west-1a",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = "ip-192-168-101-12.eu-west-1.compute.internal",
            ["kubernetes.io/os"] = "linux",
            ["topology.kubernetes.io/region"] = "eu-west-1",
            ["topology.kubernetes.io/zone"] = "eu-west-1a",
        },
        taints: [Taint("eks.amazonaws.com/compute-type", "fargate", "NoSchedule")]);

    /// <summary>kwok's sample node: label type=kwok, annotation (not label) kwok.x-k8s.io/node=fake, taint.</summary>
    public static V1Node Kwok { get; } = Node(
        "kwok-node-0",
        new Dictionary<string, string>
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = "kwok-node-0",
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/role"] = "agent",
            ["node-role.kubernetes.io/agent"] = "",
            ["type"] = "kwok",
        },
        annotations: new Dictionary<string, string>
        {
            ["node.alpha.kubernetes.io/ttl"] = "0",
            ["kwok.x-k8s.io/node"] = "fake",
        },
        taints: [Taint("kwok.x-k8s.io/node", "fake", "NoSchedule")]);

    /// <summary>A fake node from tooling that sets kwok.x-k8s.io/node as a LABEL (Karpenter's rule) and no type label.</summary>
    public static V1Node KwokLabelled { get; } = Node(
        "kwok-labelled-0",
        Linux("kwok-labelled-0", new Dictionary<string, string> { ["kwok.x-k8s.io/node"] = "fake" }),
        taints: [Taint("kwok.x-k8s.io/node", "fake", "NoSchedule")]);

    /// <summary>A fake node that carries only kwok's annotation and taint: labels cannot tell it apart.</summary>
    public static V1Node KwokAnnotationOnly { get; } = Node(
        "kwok-bare-0",
        Linux("kwok-bare-0"),
        annotations: new Dictionary<string, string> { ["kwok.x-k8s.io/node"] = "fake" },
        taints: [Taint("kwok.x-k8s.io/node", "fake", "NoSchedule")]);

    /// <summary>virtual-kubelet (e.g. ACI virtual node): label type=virtual-kubelet, taint virtual-kubelet.io/provider.</summary>
    public static V1Node VirtualKubelet { get; } = Node(
        "virtual-node-aci-linux",
        new Dictionary<string, string>
        {
            ["alpha.service-controller.kubernetes.io/exclude-balancer"] = "true",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/hostname"] = "virtual-node-aci-linux",
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/role"] = "agent",
            ["node.kubernetes.io/exclude-from-external-load-balancers"] = "true",
            ["type"] = "virtual-kubelet",
        },
        taints: [Taint("virtual-kubelet.io/provider", "azure", "NoSchedule")]);

    public static IReadOnlyList<V1Node> All { get; } =
    [
        Worker(), KubeadmControlPlane, LegacyMaster, NotReady, Gpu, SoftTainted,
        Windows, Fargate, Kwok, KwokLabelled, VirtualKubelet,
    ];

    private static Dictionary<string, string> Linux(string hostname, IDictionary<string, string>? extra = null)
    {
        var labels = new Dictionary<string, string>
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = hostname,
            ["kubernetes.io/os"] = "linux",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        return labels;
    }

    private static V1Taint Taint(string key, string? value, string effect) => new() { Key = key, Value = value, Effect = effect };

    private static V1Node Node(
        string name,
        IDictionary<string, string> labels,
        IDictionary<string, string>? annotations = null,
        IList<V1Taint>? taints = null) =>
        new()
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta { Name = name, Labels = labels, Annotations = annotations },
            Spec = new V1NodeSpec { Taints = taints },
        };
}

using System.Globalization;
using k8s.Models;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// Decides whether the DaemonSet controller would place a pod on a node, following Kubernetes' rules:
/// <list type="bullet">
/// <item>pkg/controller/daemon: NewPod adds the DaemonSet default tolerations
/// (AddOrUpdateDaemonPodTolerations), then predicates() checks node name, required node affinity
/// (nodeSelector AND nodeAffinity) and taints, where only NoSchedule and NoExecute taints count.</item>
/// <item>k8s.io/api core/v1 Toleration.ToleratesTaint: an empty effect matches every effect, an empty key
/// with Exists matches every key, Exists ignores the value, Equal (or empty operator) compares values.</item>
/// <item>component-helpers nodeaffinity + apimachinery labels.Requirement.Matches: terms are ORed,
/// expressions ANDed, an empty term matches nothing; NotIn and DoesNotExist match nodes that lack the
/// label; Gt/Lt need the label and one integer value.</item>
/// </list>
/// </summary>
internal static class DaemonSetScheduling
{
    /// <summary>The tolerations the DaemonSet controller adds to every daemon pod.</summary>
    public static IReadOnlyList<V1Toleration> DaemonSetDefaultTolerations(bool hostNetwork)
    {
        var list = new List<V1Toleration>
        {
            new() { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute" },
            new() { Key = "node.kubernetes.io/unreachable", OperatorProperty = "Exists", Effect = "NoExecute" },
            new() { Key = "node.kubernetes.io/disk-pressure", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/memory-pressure", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/pid-pressure", OperatorProperty = "Exists", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/unschedulable", OperatorProperty = "Exists", Effect = "NoSchedule" },
        };
        if (hostNetwork)
        {
            list.Add(new() { Key = "node.kubernetes.io/network-unavailable", OperatorProperty = "Exists", Effect = "NoSchedule" });
        }

        return list;
    }

    public static bool ShouldRun(V1PodSpec spec, V1Node node) =>
        (spec.NodeName is null || spec.NodeName == node.Metadata.Name)
        && MatchesNodeSelector(spec.NodeSelector, node)
        && MatchesRequiredNodeAffinity(spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution, node)
        && ToleratesBlockingTaints(
            [.. spec.Tolerations ?? [], .. DaemonSetDefaultTolerations(spec.HostNetwork == true)],
            node.Spec?.Taints ?? []);

    public static bool ToleratesBlockingTaints(IReadOnlyList<V1Toleration> tolerations, IEnumerable<V1Taint> taints) =>
        taints
            .Where(t => t.Effect is "NoSchedule" or "NoExecute")
            .All(taint => tolerations.Any(toleration => ToleratesTaint(toleration, taint)));

    public static bool ToleratesTaint(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? string.Empty) == (taint.Value ?? string.Empty),
            "Exists" => true,
            _ => false,
        };
    }

    public static bool MatchesNodeSelector(IDictionary<string, string>? nodeSelector, V1Node node)
    {
        var labels = Labels(node);
        return nodeSelector is null
            || nodeSelector.All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
    }

    public static bool MatchesRequiredNodeAffinity(V1NodeSelector? required, V1Node node)
    {
        if (required is null)
        {
            return true;
        }

        return (required.NodeSelectorTerms ?? []).Any(term => MatchesTerm(term, node));
    }

    public static bool MatchesTerm(V1NodeSelectorTerm term, V1Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var labels = Labels(node);
        var nodeFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = node.Metadata.Name };
        return expressions.All(r => Matches(r, labels)) && fields.All(r => Matches(r, nodeFields));
    }

    public static bool Matches(V1NodeSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        var values = requirement.Values ?? [];
        var has = labels.TryGetValue(requirement.Key, out var value);
        switch (requirement.OperatorProperty)
        {
            case "In":
                return values.Count > 0 && has && values.Contains(value!);
            case "NotIn":
                return values.Count > 0 && (!has || !values.Contains(value!));
            case "Exists":
                return values.Count == 0 && has;
            case "DoesNotExist":
                return values.Count == 0 && !has;
            case "Gt":
            case "Lt":
                if (values.Count != 1
                    || !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bound)
                    || !has
                    || !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var actual))
                {
                    return false;
                }

                return requirement.OperatorProperty == "Gt" ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    private static Dictionary<string, string> Labels(V1Node node) =>
        new(node.Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
}

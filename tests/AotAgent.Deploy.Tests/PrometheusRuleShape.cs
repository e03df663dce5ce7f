using static AotAgent.Deploy.Tests.Shape;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// KubernetesClient has no model for monitoring.coreos.com/v1 PrometheusRule either: the rendered rule is checked
/// against the subset of its CRD schema the chart uses (a rule is an alert with expr, for, labels, annotations).
/// </summary>
internal static class PrometheusRuleShape
{
    private static readonly Shape _rule = Map(new()
    {
        ["alert"] = Scalar(),
        ["record"] = Scalar(),
        ["expr"] = Scalar(),
        ["for"] = Scalar(),
        ["keep_firing_for"] = Scalar(),
        ["labels"] = AnyMapOfScalars(),
        ["annotations"] = AnyMapOfScalars(),
    });

    private static readonly Shape _prometheusRule = MonitoringObject("PrometheusRule", new()
    {
        ["groups"] = List(Map(new()
        {
            ["name"] = Scalar(),
            ["interval"] = Scalar(),
            ["rules"] = List(_rule),
        })),
    });

    /// <summary>Returns the document as a read-only dictionary after checking its shape.</summary>
    public static IReadOnlyDictionary<string, object?> Validate(Dictionary<object, object?> document)
    {
        _prometheusRule.Check(document, "PrometheusRule");
        return document.ToDictionary(kv => (string)kv.Key, kv => kv.Value);
    }
}

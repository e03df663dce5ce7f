using static AotAgent.Deploy.Tests.Shape;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// KubernetesClient has no model for monitoring.coreos.com/v1 PodMonitor, so its rendered shape is checked
/// against the subset of the CRD schema the chart uses: unknown or misplaced keys are refused.
/// </summary>
internal static class PodMonitorShape
{
    private static readonly Shape _relabel = Map(new()
    {
        ["sourceLabels"] = List(Scalar()),
        ["targetLabel"] = Scalar(),
        ["action"] = Scalar(),
        ["regex"] = Scalar(),
        ["replacement"] = Scalar(),
        ["separator"] = Scalar(),
    });

    private static readonly Shape _podMonitor = MonitoringObject("PodMonitor", new()
    {
        ["selector"] = Map(new() { ["matchLabels"] = AnyMapOfScalars() }),
        ["namespaceSelector"] = Map(new() { ["matchNames"] = List(Scalar()), ["any"] = Scalar() }),
        ["podMetricsEndpoints"] = List(Map(new()
        {
            ["port"] = Scalar(),
            ["path"] = Scalar(),
            ["interval"] = Scalar(),
            ["scrapeTimeout"] = Scalar(),
            ["relabelings"] = List(_relabel),
            ["metricRelabelings"] = List(_relabel),
        })),
    });

    /// <summary>Returns the document as a read-only dictionary after checking its shape.</summary>
    public static IReadOnlyDictionary<string, object?> Validate(Dictionary<object, object?> document)
    {
        _podMonitor.Check(document, "PodMonitor");
        return document.ToDictionary(kv => (string)kv.Key, kv => kv.Value);
    }
}

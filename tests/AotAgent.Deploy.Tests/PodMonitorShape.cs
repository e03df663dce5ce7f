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

    private static readonly Shape _podMonitor = Map(new()
    {
        ["apiVersion"] = Scalar("monitoring.coreos.com/v1"),
        ["kind"] = Scalar("PodMonitor"),
        ["metadata"] = Map(new()
        {
            ["name"] = Scalar(),
            ["namespace"] = Scalar(),
            ["labels"] = AnyMapOfScalars(),
            ["annotations"] = AnyMapOfScalars(),
        }),
        ["spec"] = Map(new()
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
        }),
    });

    /// <summary>Returns the document as a read-only dictionary after checking its shape.</summary>
    public static IReadOnlyDictionary<string, object?> Validate(Dictionary<object, object?> document)
    {
        _podMonitor.Check(document, "PodMonitor");
        return document.ToDictionary(kv => (string)kv.Key, kv => kv.Value);
    }

    private static Shape Scalar(string? expected = null) => new(ShapeKind.Scalar, null, null, expected);

    private static Shape List(Shape item) => new(ShapeKind.List, null, item, null);

    private static Shape Map(Dictionary<string, Shape> fields) => new(ShapeKind.Map, fields, null, null);

    private static Shape AnyMapOfScalars() => new(ShapeKind.Map, null, Scalar(), null);

    private enum ShapeKind
    {
        Scalar,
        List,
        Map,
    }

    private sealed record Shape(ShapeKind Kind, Dictionary<string, Shape>? Fields, Shape? Item, string? Expected)
    {
        public void Check(object? value, string path)
        {
            switch (Kind)
            {
                case ShapeKind.Scalar:
                    var text = Assert.IsType<string>(value, exactMatch: false);
                    if (Expected is not null)
                    {
                        Assert.True(text == Expected, $"{path}: expected '{Expected}', got '{text}'");
                    }

                    break;
                case ShapeKind.List:
                    var list = Assert.IsType<List<object?>>(value, exactMatch: false);
                    for (var i = 0; i < list.Count; i++)
                    {
                        Item!.Check(list[i], $"{path}[{i}]");
                    }

                    break;
                case ShapeKind.Map:
                    var map = Assert.IsType<Dictionary<object, object?>>(value, exactMatch: false);
                    foreach (var (key, child) in map)
                    {
                        var name = (string)key;
                        if (Fields is null)
                        {
                            Item!.Check(child, $"{path}.{name}");
                            continue;
                        }

                        Assert.True(Fields.TryGetValue(name, out var shape), $"{path}: unknown field '{name}'");
                        shape!.Check(child, $"{path}.{name}");
                    }

                    break;
                default:
                    throw new InvalidOperationException(Kind.ToString());
            }
        }
    }
}

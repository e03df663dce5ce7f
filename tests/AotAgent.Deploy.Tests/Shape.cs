namespace AotAgent.Deploy.Tests;

/// <summary>
/// The expected shape of a YAML document for kinds KubernetesClient has no model for (the Prometheus Operator's CRDs):
/// scalars, lists and maps with known fields. Unknown or misplaced keys are refused.
/// </summary>
internal sealed record Shape(Shape.ShapeKind Kind, Dictionary<string, Shape>? Fields, Shape? Item, string? Expected)
{
    public enum ShapeKind
    {
        Scalar,
        List,
        Map,
    }

    public static Shape Scalar(string? expected = null) => new(ShapeKind.Scalar, null, null, expected);

    public static Shape List(Shape item) => new(ShapeKind.List, null, item, null);

    public static Shape Map(Dictionary<string, Shape> fields) => new(ShapeKind.Map, fields, null, null);

    public static Shape AnyMapOfScalars() => new(ShapeKind.Map, null, Scalar(), null);

    /// <summary>A Prometheus Operator object (monitoring.coreos.com/v1) of <paramref name="kind"/> with this spec.</summary>
    public static Shape MonitoringObject(string kind, Dictionary<string, Shape> spec) => Map(new()
    {
        ["apiVersion"] = Scalar("monitoring.coreos.com/v1"),
        ["kind"] = Scalar(kind),
        ["metadata"] = Map(new()
        {
            ["name"] = Scalar(),
            ["namespace"] = Scalar(),
            ["labels"] = AnyMapOfScalars(),
            ["annotations"] = AnyMapOfScalars(),
        }),
        ["spec"] = Map(spec),
    });

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

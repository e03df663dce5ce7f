using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace AotAgent.Deploy.Tests;

/// <summary>One YAML document of a helm template output.</summary>
internal sealed record RenderedDocument(string ApiVersion, string Kind, string Name, string? Namespace, string Yaml, object Object);

/// <summary>
/// Parses helm template output. Every document deserializes STRICTLY (unknown fields are refused) as its
/// KubernetesClient model; kinds without a model (PodMonitor, PrometheusRule) are checked against a hand-written shape.
/// </summary>
internal sealed partial class RenderedManifest
{
    private static readonly IDeserializer _generic = new DeserializerBuilder().Build();

    private RenderedManifest(IReadOnlyList<RenderedDocument> documents) => Documents = documents;

    public IReadOnlyList<RenderedDocument> Documents { get; }

    public static RenderedManifest Parse(string yaml)
    {
        var documents = new List<RenderedDocument>();
        foreach (var chunk in DocumentSeparator().Split(yaml))
        {
            if (chunk.Split('\n').All(line => line.Trim().Length == 0 || line.TrimStart().StartsWith('#')))
            {
                continue;
            }

            var map = _generic.Deserialize<Dictionary<object, object?>>(chunk)
                ?? throw new InvalidOperationException($"Empty document:\n{chunk}");
            var apiVersion = (string)map["apiVersion"]!;
            var kind = (string)map["kind"]!;
            var metadata = (Dictionary<object, object?>)map["metadata"]!;
            var name = (string)metadata["name"]!;
            var ns = metadata.TryGetValue("namespace", out var n) ? (string?)n : null;

            object model = kind switch
            {
                "PodMonitor" => PodMonitorShape.Validate(map),
                "PrometheusRule" => PrometheusRuleShape.Validate(map),
                _ => LoadStrict(chunk, $"{kind}/{name}"),
            };
            documents.Add(new RenderedDocument(apiVersion, kind, name, ns, chunk, model));
        }

        return new RenderedManifest(documents);
    }

    public static object LoadStrict(string yaml, string what)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);
        Assert.True(objects.Count == 1, $"{what}: expected one object, got {objects.Count}");
        return objects[0];
    }

    public IEnumerable<T> OfType<T>() => Documents.Select(d => d.Object).OfType<T>();

    public T Single<T>() => Assert.Single(OfType<T>());

    public V1DaemonSet DaemonSet => Single<V1DaemonSet>();

    public V1PodSpec PodSpec => DaemonSet.Spec.Template.Spec;

    public V1Container Container => Assert.Single(PodSpec.Containers);

    public IReadOnlyDictionary<string, object?> SingleRaw(string kind) =>
        Assert.Single(Documents, d => d.Kind == kind).Object as IReadOnlyDictionary<string, object?>
        ?? throw new InvalidOperationException($"{kind} has no raw form");

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}

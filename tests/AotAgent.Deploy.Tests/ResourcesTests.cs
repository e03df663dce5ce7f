using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace AotAgent.Deploy.Tests;

/// <summary>
/// The chart's memory request and limit follow from what docs/benchmarks.md measured (issue: a small, flat footprint):
/// the limit stays above the peak with 50,000 files in CniDir (valid or junk) with room to spare, so a neglected
/// directory cannot get the agent OOM-killed; the request covers the resident size at rest.
/// </summary>
public sealed partial class ResourcesTests
{
    /// <summary>Headroom over the measured peak (another host, another kernel, a little more garbage).</summary>
    private const double Headroom = 1.25;

    private static V1Container Container() =>
        RenderedManifest.Parse(Helm.Template("-f", Helm.ValuesFile("defaults.yaml"))).Container;

    private static double MiB(ResourceQuantity quantity) => quantity.ToDecimal() is var bytes ? (double)bytes / (1024 * 1024) : 0;

    /// <summary>The aot-agent column (the first figure) of the benchmark table rows whose label starts with <paramref name="label"/>.</summary>
    private static List<double> Measured(string label)
    {
        var rows = File.ReadLines(RepoPaths.At("docs", "benchmarks.md"))
            .Where(l => l.StartsWith("| " + label, StringComparison.Ordinal))
            .Select(l => FirstMiB().Match(l.Split('|')[2]))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
        Assert.True(rows.Count > 0, $"docs/benchmarks.md has no '{label}' row with a MiB figure");
        return rows;
    }

    [Fact]
    public void MemoryLimit_AboveThe50000FilePeakWithHeadroom()
    {
        var peak = Measured("Peak VmHWM, 50,000").Max();
        var limit = MiB(Container().Resources.Limits["memory"]);

        Assert.True(limit >= peak * Headroom, $"memory limit {limit} MiB is below {Headroom} x the measured 50,000-file peak {peak} MiB");
    }

    [Fact]
    public void MemoryRequest_CoversTheSizeAtRest()
    {
        var resting = Measured("Memory: VmRSS after").Max();
        var request = MiB(Container().Resources.Requests["memory"]);

        Assert.True(request >= resting, $"memory request {request} MiB is below the resident size at rest {resting} MiB");
        Assert.True(request <= resting * 2, $"memory request {request} MiB is more than twice the resident size at rest {resting} MiB: it reserves what the agent never uses");
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?) MiB")]
    private static partial Regex FirstMiB();
}

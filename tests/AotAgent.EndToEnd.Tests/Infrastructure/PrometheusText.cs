using System.Globalization;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>A parsed Prometheus text exposition: series (name with labels, as printed) to value.</summary>
public sealed class PrometheusText
{
    public PrometheusText(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space > 0 && double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                Series[line[..space]] = value;
            }
        }
    }

    public string Text { get; }

    public Dictionary<string, double> Series { get; } = new(StringComparer.Ordinal);

    /// <summary>The value of an exact series such as <c>aotagent_config_reloads_total{result="rejected"}</c>; 0 when absent.</summary>
    public double this[string series] => Series.TryGetValue(series, out var v) ? v : 0;

    public bool HasMetric(string name) =>
        Series.Keys.Any(k => k == name || k.StartsWith(name + "{", StringComparison.Ordinal) || k.StartsWith(name + "_", StringComparison.Ordinal));
}

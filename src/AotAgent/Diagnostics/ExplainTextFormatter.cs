using System.Text;

namespace AotAgent.Diagnostics;

/// <summary>The human form of <c>explain</c>: the decision first, then every file with its verdict.</summary>
internal static class ExplainTextFormatter
{
    public static string Format(ExplainReport r)
    {
        var sb = new StringBuilder();
        sb.Append("CniDir:    ").AppendLine(r.CniDir);
        sb.Append("Mode:      ").AppendLine(r.Mode);
        sb.Append("Prefer:    ").AppendLine(r.Prefer.Count == 0 ? "(empty: first valid file in byte order)" : string.Join(", ", r.Prefer));
        if (r.Exclude.Count > 0)
        {
            sb.Append("Exclude:   ").AppendLine(string.Join(", ", r.Exclude));
        }

        sb.Append("Decision:  ").Append(r.Outcome).Append(" — ").AppendLine(r.Reason);
        if (r.Selected is { } s)
        {
            sb.Append("Primary:   ").Append(s.File).Append(" (network ").Append(s.Network).Append(", type ").Append(s.Type)
              .Append(", cniVersion ").Append(s.CniVersion).AppendLine(")");
        }

        sb.Append("Output:    ").AppendLine(r.Output switch
        {
            { File: null, WouldWrite: null } => "(none)",
            { File: null } o => o.WouldWrite + " does not exist yet",
            { UpToDate: true } o => (o.WouldWrite ?? o.File) + " is up to date",
            var o => (o.WouldWrite ?? o.File) + " is not up to date",
        });
        sb.Append("Runtime:   ").Append(r.Runtime.Kind).Append(": ").Append(r.Runtime.State == "loads_output" || r.Runtime.State == "no_output" ? string.Empty : r.Runtime.State.ToUpperInvariant().Replace('_', ' ') + ": ").AppendLine(r.Runtime.Reason);
        foreach (var finding in r.DaemonConfigFindings)
        {
            sb.Append("Multus:    ").AppendLine(finding);
        }

        AppendSettings(sb, r.Settings);
        sb.AppendLine();
        var width = Math.Min(48, r.Candidates.Select(c => c.File.Length).DefaultIfEmpty(4).Max());
        foreach (var c in r.Candidates)
        {
            sb.Append("  ").Append(c.Verdict.PadRight(9)).Append(' ').Append(c.File.PadRight(width)).Append("  ").AppendLine(c.Reason);
            foreach (var warning in c.Warnings ?? [])
            {
                sb.Append(' ', 13 + width).Append("note: ").AppendLine(warning);
            }
        }

        return sb.ToString();
    }

    /// <summary>Keys some layer sets, with their source and what they shadow; the rest in one line (the JSON lists every key).</summary>
    private static void AppendSettings(StringBuilder sb, IReadOnlyList<SettingReport> settings)
    {
        var set = settings.Where(s => s.Source != "default").ToList();
        foreach (var s in set)
        {
            sb.Append("Setting:   ").Append(s.Key).Append(" = ").Append(Short(s.Value)).Append("  (").Append(s.Source);
            foreach (var shadowed in s.Shadowed ?? [])
            {
                sb.Append("; shadows ").Append(shadowed.Source).Append(' ').Append(Short(shadowed.Value));
            }

            sb.AppendLine(")");
        }

        if (settings.Count > set.Count)
        {
            sb.Append("Settings:  ").Append(settings.Count - set.Count).AppendLine(" other keys at their defaults (explain --json lists every key)");
        }
    }

    private static string Short(string? value) => value is null ? "(unset)" : "'" + (value.Length > 80 ? value[..80] + "..." : value).ReplaceLineEndings("\\n") + "'";
}

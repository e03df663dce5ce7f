namespace AotAgent.Configuration;

/// <summary>"Did you mean": the catalog key closest to an unknown one, by edit distance on the operator's spelling.</summary>
internal static class KeySuggestions
{
    /// <summary>The closest known key, when it is close enough to be a typo (a few edits, case ignored).</summary>
    public static string? For(string unknownName)
    {
        var names = SettingKeys.All.Select(k => k.Name).Concat(SettingKeys.LoggingDefaults.Select(l => l.Name));
        var typed = unknownName.ToUpperInvariant();
        var best = names
            .Select(n => (Name: n, Distance: Distance(typed, n.ToUpperInvariant())))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .First();
        return best.Distance <= Math.Max(2, unknownName.Length / 4) ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

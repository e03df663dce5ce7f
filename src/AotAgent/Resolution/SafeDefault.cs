namespace AotAgent.Resolution;

/// <summary>
/// The choice without a <c>Primary__Prefer</c> rule: the first valid file in byte order that is not a chained copy
/// (<see cref="ChainedPlugins"/>). Copies are found through a lookup of chains, so a pass stays linear in the files.
/// </summary>
internal static class SafeDefault
{
    /// <summary>The first eligible file with each chain that can be a primary: the possible sources of copies.</summary>
    public static Dictionary<string, Candidate> Sources(IEnumerable<Candidate> eligible)
    {
        var sources = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var c in eligible)
        {
            if (ChainedPlugins.NotAPrimary(c.Network!) is null)
            {
                sources.TryAdd(c.Network!.ChainKey, c);
            }
        }

        return sources;
    }

    /// <summary>Why the default passes over an eligible file, or null when the file may be chosen.</summary>
    public static string? PassesOver(Candidate c, Dictionary<string, Candidate> sources)
    {
        var network = c.Network!;
        if (ChainedPlugins.NotAPrimary(network) is { } why)
        {
            return why + ", so the default never picks it (set Primary__Prefer to choose it)";
        }

        // A copy keeps the source's chain and appends chained plugins: try each shorter prefix whose tail is all appended.
        var types = network.PluginTypes;
        for (var length = types.Count - 1; length > 0 && ChainedPlugins.Appended.Contains(types[length]); length--)
        {
            if (sources.TryGetValue(string.Join('\u001F', types.Take(length)), out var source) && source != c)
            {
                return $"it is a copy of {source.File} with {ChainedPlugins.AppendedTo(network, source.Network!)} appended, which the default never picks over its source (set Primary__Prefer to choose it)";
            }
        }

        return null;
    }

    /// <summary>What the default did, in one line: no rule is set, and which files it passed over.</summary>
    public static string Reason(List<Candidate> eligible, Candidate pick)
    {
        var passed = eligible.TakeWhile(c => c != pick).Select(c => c.File).ToList();
        return "no Primary__Prefer rule is set: the safe default takes the first valid file in byte order that is not a chained copy" +
            (passed.Count > 0 ? $" (passed over {string.Join(", ", passed)})" : string.Empty);
    }
}

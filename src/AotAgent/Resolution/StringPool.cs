namespace AotAgent.Resolution;

/// <summary>
/// One copy of the strings thousands of remembered files share (reasons, versions, plugin types, capability lists),
/// so what the scan cache holds per file is its own name and little else. Bounded: past <see cref="MaxEntries"/> it
/// starts over (sharing is an optimisation, never needed for correctness).
/// </summary>
internal sealed class StringPool
{
    public const int MaxEntries = 4096;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _lists = new(StringComparer.Ordinal);

    public int Count => _strings.Count + _lists.Count;

    public void Clear()
    {
        _strings.Clear();
        _lists.Clear();
    }

    public string? Share(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        Make(room: 1);
        return _strings[value] = value;
    }

    /// <summary>The network with its common parts shared; its name and JSON tree are its own.</summary>
    public CniNetwork Share(CniNetwork network) => network with
    {
        CniVersion = Share(network.CniVersion)!,
        MainType = Share(network.MainType)!,
        RuntimeCniVersion = Share(network.RuntimeCniVersion),
        PluginTypes = ShareList(network.PluginTypes),
        Capabilities = ShareList(network.Capabilities),
        Warnings = network.Warnings.Count == 0 ? [] : network.Warnings,
    };

    private IReadOnlyList<string> ShareList(IReadOnlyList<string> list)
    {
        if (list.Count == 0)
        {
            return [];
        }

        var key = string.Join('\u001F', list);
        if (_lists.TryGetValue(key, out var shared))
        {
            return shared;
        }

        Make(room: 1);
        return _lists[key] = [.. list.Select(s => Share(s)!)];
    }

    private void Make(int room)
    {
        if (Count + room > MaxEntries)
        {
            Clear();
        }
    }
}

namespace AotAgent.Resolution;

/// <summary>
/// What the runtime would load, by its real rules (containerd: only the byte-order-first CNI file, and no fallback if it
/// does not load; CRI-O: the first file that loads, or the pinned network). Pure: the scan's verdicts, what this pass
/// wrote or removed, and the pin.
/// </summary>
internal sealed record RuntimeView(RuntimeLoad State, string? File, string Reason)
{
    public static RuntimeView Predict(RuntimeKind kind, IReadOnlyList<ScannedFile> files, IReadOnlyList<Candidate> candidates, OutputView output, string? crioPin)
    {
        // The CNI names the runtime lists, in byte order, after this pass's write and removal.
        var names = files.Where(f => !f.IsDirectory && ScannedFile.HasCniExtension(f.Name) && f.Name != output.Removed).Select(f => f.Name).ToList();
        if (output.File is { } written && !names.Contains(written, StringComparer.Ordinal))
        {
            names.Add(written);
            names.Sort(Utf8Order.Instance);
        }

        var verdicts = candidates.ToDictionary(c => c.File, StringComparer.Ordinal);
        bool? Loads(string name) => name == output.File ? output.Loads : verdicts.TryGetValue(name, out var c) ? c.LoadsInLibcni : null;
        string? Network(string name) => name == output.File ? output.NetworkName : verdicts.TryGetValue(name, out var c) ? c.Network?.Name : null;
        string Why(string name) => verdicts.TryGetValue(name, out var c) ? c.Reason : "it does not load";

        if (kind == RuntimeKind.Containerd)
        {
            return names.FirstOrDefault() switch
            {
                null => new(output.File is null ? RuntimeLoad.NoOutput : RuntimeLoad.LoadsNothing, null, "no CNI config in CniDir"),
                var first when first == output.File && output.Loads => new(RuntimeLoad.LoadsOutput, first, $"containerd loads {first} first"),
                var first when Loads(first) == false => new(RuntimeLoad.LoadsNothing, first, $"{first} sorts first and does not load ({Why(first)}): containerd loads no network at all (cni plugin not initialized)"),
                var first when output.File is null => new(RuntimeLoad.NoOutput, first, $"no output yet; containerd loads {first}"),
                var first => new(RuntimeLoad.Shadowed, first, $"{first} sorts before {output.File}: containerd loads it, and pods skip Multus"),
            };
        }

        var loading = names.Where(n => Loads(n) != false).ToList();
        if (crioPin is { Length: > 0 } pin)
        {
            var pinned = loading.FirstOrDefault(n => Network(n) == pin || (Network(n) is "" && n == pin));
            return pinned is null ? new(RuntimeLoad.LoadsNothing, null, $"CRI-O is pinned to network \"{pin}\" (cni_default_network) and no file that loads has that name: pods get no network")
                : pinned == output.File ? new(RuntimeLoad.LoadsOutput, pinned, $"CRI-O is pinned to network \"{pin}\", the agent's {pinned}")
                : new(RuntimeLoad.PinBypassesMultus, pinned, $"CRI-O is pinned to network \"{pin}\" (cni_default_network), which is {pinned}, not the Multus config: set cni_default_network to \"{output.NetworkName}\" or remove it");
        }

        return loading.FirstOrDefault() switch
        {
            null => new(output.File is null ? RuntimeLoad.NoOutput : RuntimeLoad.LoadsNothing, null, "no CNI config in CniDir loads: CRI-O has no network"),
            var first when first == output.File => new(RuntimeLoad.LoadsOutput, first, $"CRI-O loads {first}, the first file that loads"),
            var first when output.File is null => new(RuntimeLoad.NoOutput, first, $"no output yet; CRI-O loads {first}"),
            var first => new(RuntimeLoad.Shadowed, first, $"{first} is the first file that loads: CRI-O uses it, and pods skip Multus"),
        };
    }
}

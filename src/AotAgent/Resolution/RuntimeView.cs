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
        // Candidates are in the files' order (one each) when the scan produced them; otherwise look them up by name.
        var aligned = candidates.Count == files.Count;
        var byName = aligned ? null : candidates.ToDictionary(c => c.File, StringComparer.Ordinal);
        Candidate? Of(int index, string name) => aligned ? candidates[index] : byName!.GetValueOrDefault(name);
        bool? Loads(string name, Candidate? c) => name == output.File ? output.Loads : c?.LoadsInLibcni;
        string? Network(string name, Candidate? c) => name == output.File ? output.NetworkName : c?.Network?.Name;

        // The CNI names the runtime lists, in byte order, after this pass's write and removal; walked lazily, because
        // the runtime's choice is almost always among the first few.
        IEnumerable<(string Name, Candidate? Candidate)> Listed()
        {
            var pending = output.File;
            for (var i = 0; i < files.Count; i++)
            {
                var f = files[i];
                if (f.IsDirectory || !ScannedFile.HasCniExtension(f.Name) || f.Name == output.Removed)
                {
                    continue;
                }

                if (pending is not null && Utf8Order.Instance.Compare(pending, f.Name) <= 0)
                {
                    yield return (pending, null);
                    if (pending == f.Name)
                    {
                        pending = null;
                        continue;
                    }

                    pending = null;
                }

                yield return (f.Name, Of(i, f.Name));
            }

            if (pending is not null)
            {
                yield return (pending, null);
            }
        }

        string Why((string Name, Candidate? Candidate) entry) => entry.Candidate?.Reason ?? "it does not load";

        if (kind == RuntimeKind.Containerd)
        {
            var entry = Listed().FirstOrDefault();
            var first = entry.Name;
            return first switch
            {
                null => new(output.File is null ? RuntimeLoad.NoOutput : RuntimeLoad.LoadsNothing, null, "no CNI config in CniDir"),
                _ when first == output.File && output.Loads => new(RuntimeLoad.LoadsOutput, first, $"containerd loads {first} first"),
                _ when Loads(first, entry.Candidate) == false => new(RuntimeLoad.LoadsNothing, first, $"{first} sorts first and does not load ({Why(entry)}): containerd loads no network at all (cni plugin not initialized)"),
                _ when output.File is null => new(RuntimeLoad.NoOutput, first, $"no output yet; containerd loads {first}"),
                _ => new(RuntimeLoad.Shadowed, first, $"{first} sorts before {output.File}: containerd loads it, and pods skip Multus"),
            };
        }

        var loading = Listed().Where(e => Loads(e.Name, e.Candidate) != false).Select(e => (e.Name, Network: Network(e.Name, e.Candidate)));
        if (crioPin is { Length: > 0 } pin)
        {
            var pinned = loading.FirstOrDefault(n => n.Network == pin || (n.Network is "" && n.Name == pin)).Name;
            return pinned is null ? new(RuntimeLoad.LoadsNothing, null, $"CRI-O is pinned to network \"{pin}\" (cni_default_network) and no file that loads has that name: pods get no network")
                : pinned == output.File ? new(RuntimeLoad.LoadsOutput, pinned, $"CRI-O is pinned to network \"{pin}\", the agent's {pinned}")
                : new(RuntimeLoad.PinBypassesMultus, pinned, $"CRI-O is pinned to network \"{pin}\" (cni_default_network), which is {pinned}, not the Multus config: set cni_default_network to \"{output.NetworkName}\" or remove it");
        }

        return loading.FirstOrDefault().Name switch
        {
            null => new(output.File is null ? RuntimeLoad.NoOutput : RuntimeLoad.LoadsNothing, null, "no CNI config in CniDir loads: CRI-O has no network"),
            var first when first == output.File => new(RuntimeLoad.LoadsOutput, first, $"CRI-O loads {first}, the first file that loads"),
            var first when output.File is null => new(RuntimeLoad.NoOutput, first, $"no output yet; CRI-O loads {first}"),
            var first => new(RuntimeLoad.Shadowed, first, $"{first} is the first file that loads: CRI-O uses it, and pods skip Multus"),
        };
    }
}

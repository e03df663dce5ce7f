using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>The listing: taken whole, trusted while the directory is unchanged, or updated by the names notifications give.</summary>
internal sealed partial class ScanCache
{
    /// <summary>
    /// Takes a full listing in the directory's own order. The same names in the same order (a directory that did not
    /// change) keep the slots as they are, without sorting; otherwise the listing is sorted and slots are kept by name.
    /// </summary>
    public void Relist(string[] enumerated)
    {
        if (_listed && enumerated.AsSpan().SequenceEqual(_enumerated))
        {
            return;
        }

        var order = Utf8Order.SortedIndexes(enumerated);
        var old = _slots;
        var slots = new List<ScanSlot>(order.Length);
        var j = 0;
        foreach (var k in order)
        {
            // Both are in byte order: a merge keeps what earlier passes learned about names still listed.
            var name = enumerated[k];
            while (j < old.Count && Utf8Order.Instance.Compare(old[j].Name, name) < 0)
            {
                j++;
            }

            if (j < old.Count && old[j].Name == name)
            {
                // One copy of each name: the listing refers to the slot's.
                enumerated[k] = old[j].Name;
                slots.Add(old[j++]);
            }
            else
            {
                slots.Add(new ScanSlot(name));
            }
        }

        (_slots, _enumerated, _listed) = (slots, enumerated, true);
    }

    /// <summary>
    /// Whether the listing is still the directory's: the directory (followed through links) has the identity and times
    /// it had when listed, and those are older than the listing by <see cref="ScanSlot.RacyWindow"/>. Adding, removing
    /// or renaming an entry changes a directory's mtime and ctime, so a pass over an unchanged directory need not read it.
    /// </summary>
    public bool ListingStillCurrent(FileStatus directory) =>
        _listed && _listedAs == directory &&
        directory.ModifiedNs < _listedAtNs - ScanSlot.RacyWindow && directory.ChangedNs < _listedAtNs - ScanSlot.RacyWindow;

    /// <summary>Records what the directory looked like just before it was listed, at <paramref name="nowNs"/> (wall clock).</summary>
    public void ListedAs(FileStatus directory, long nowNs) => (_listedAs, _listedAtNs) = (directory, nowNs);

    /// <summary>The slot named <paramref name="name"/>, or null when it is not listed.</summary>
    public ScanSlot? Find(string name)
    {
        var index = IndexOf(name);
        return index >= 0 ? _slots[index] : null;
    }

    /// <summary>Whether the listing has a non-directory entry with this name.</summary>
    public bool Lists(string name) => Find(name) is { } slot && slot.File is not { IsDirectory: true };

    /// <summary>A notification named <paramref name="name"/>: adds it (untrusted, so it is read) or removes it.</summary>
    public void Named(string name, bool exists)
    {
        var index = IndexOf(name);
        if (!exists)
        {
            if (index >= 0)
            {
                _slots.RemoveAt(index);
            }
        }
        else if (index >= 0)
        {
            _slots[index].Trusted = false;
        }
        else
        {
            _slots.Insert(~index, new ScanSlot(name));
        }

        // The enumeration order no longer matches the slots: the next full listing sorts and merges.
        (_enumerated, _listedAs) = ([], null);
    }

    /// <summary>Drops slots whose entry vanished between the listing and its stat.</summary>
    public void RemoveVanished(IReadOnlySet<ScanSlot> vanished)
    {
        _slots.RemoveAll(vanished.Contains);
        (_enumerated, _listedAs) = ([], null);
    }

    private int IndexOf(string name)
    {
        int low = 0, high = _slots.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var order = Utf8Order.Instance.Compare(_slots[mid].Name, name);
            if (order == 0)
            {
                return mid;
            }

            (low, high) = order < 0 ? (mid + 1, high) : (low, mid - 1);
        }

        return ~low;
    }
}

using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// What earlier passes learned about CniDir, so a pass re-reads only what may have changed: the listing in byte order
/// (one <see cref="ScanSlot"/> per entry) and, per CNI name, its identity when read and the compact parse outcome. An
/// entry whose timestamps are within <see cref="ScanSlot.RacyWindow"/> of its read is re-read (git's "racily clean" rule: a
/// rewrite within the same timestamp tick leaves size and times unchanged). Bounded by the directory's entries.
/// </summary>
internal sealed class ScanCache
{
    private readonly StringPool _strings = new();
    private List<ScanSlot> _slots = [];
    private string[] _enumerated = [];
    private bool _listed, _thin;
    private FileStatus? _listedAs;
    private long _listedAtNs;
    private string? _directory;

    /// <summary>Entries remembered (for tests and the bound: never more than the directory's entries).</summary>
    public int Count => _slots.Count;

    /// <summary>Distinct strings shared between entries (bounded, for tests).</summary>
    public int PooledStrings => _strings.Count;

    /// <summary>Whether the slots hold a listing a notification-driven pass can update by name.</summary>
    public bool HasListing => _listed;

    /// <summary>The entries in byte order.</summary>
    public IReadOnlyList<ScanSlot> Slots => _slots;

    /// <summary>Starts a pass; a fresh scan, another directory or another parse mode forgets everything.</summary>
    public void Begin(string directory, bool thin, bool fresh)
    {
        if (fresh || _directory != directory || _thin != thin)
        {
            Clear();
        }

        (_directory, _thin) = (directory, thin);
    }

    public void Clear()
    {
        (_slots, _enumerated, _listed, _listedAs) = ([], [], false, null);
        _strings.Clear();
    }

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

    /// <summary>
    /// Remembers a file read at <paramref name="readAtNs"/> and returns what a pass hands on: without its bytes, and
    /// without its JSON tree unless <paramref name="whole"/> (the primary's tree is what a thin output embeds).
    /// </summary>
    public ScannedFile Store(ScanSlot slot, ScannedFile file, FileStatus? identity, long readAtNs, bool trusted, bool whole)
    {
        var parsed = file.Parsed;
        if (parsed is not null)
        {
            parsed = new ParseOutcome(parsed.Network is { } n ? _strings.Share(whole ? n : n with { Json = null }) : null, _strings.Share(parsed.Problem));
        }

        var problem = file.Problem is { } p ? p with { Reason = _strings.Share(p.Reason)! } : null;
        var kept = file with { Content = null, Parsed = parsed, Problem = problem };
        slot.File = kept;
        slot.Identity = identity ?? default;
        slot.ReadAtNs = readAtNs;
        slot.Trusted = trusted && identity is not null;
        return kept;
    }

    /// <summary>Keeps the primary's full network (its JSON tree is what a thin output embeds).</summary>
    public void Keep(string name, CniNetwork full)
    {
        if (Find(name) is { File.Parsed.Network: not null } slot)
        {
            slot.File = slot.File with { Parsed = slot.File.Parsed with { Network = full } };
        }
    }

    /// <summary>Makes the next pass read <paramref name="name"/> again.</summary>
    public void Forget(string name)
    {
        if (Find(name) is { } slot)
        {
            slot.Trusted = false;
        }
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

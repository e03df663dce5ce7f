using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// What earlier passes learned about CniDir, so a pass re-reads only what may have changed: the listing in byte order
/// (one <see cref="ScanSlot"/> per entry) and, per CNI name, its identity when read and the compact parse outcome. An
/// entry whose timestamps are within <see cref="ScanSlot.RacyWindow"/> of its read is re-read (git's "racily clean" rule: a
/// rewrite within the same timestamp tick leaves size and times unchanged). Bounded by the directory's entries.
/// </summary>
internal sealed partial class ScanCache
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

    /// <summary>
    /// Starts a pass. Another directory or another parse mode forgets everything; a fresh scan (the resync) trusts
    /// nothing it remembers (the listing and every file are read again) but keeps it, so a file whose bytes did not
    /// change keeps its parse (<see cref="ScanSlot.SameBytes"/>).
    /// </summary>
    public void Begin(string directory, bool thin, bool fresh)
    {
        if (_directory != directory || _thin != thin)
        {
            Clear();
        }
        else if (fresh)
        {
            _listedAs = null;
            foreach (var slot in _slots)
            {
                slot.Trusted = false;
            }
        }

        (_directory, _thin) = (directory, thin);
    }

    public void Clear()
    {
        (_slots, _enumerated, _listed, _listedAs) = ([], [], false, null);
        _strings.Clear();
    }

    /// <summary>
    /// Remembers a file read at <paramref name="readAtNs"/> and returns what a pass hands on: without its bytes, and
    /// without its JSON tree unless <paramref name="whole"/> (the primary's tree is what a thin output embeds).
    /// </summary>
    public ScannedFile Store(ScanSlot slot, ScannedFile file, FileStatus? identity, long readAtNs, bool trusted, bool whole, UInt128 hash = default, bool plain = false)
    {
        (slot.ContentHash, slot.Plain) = (hash, plain);
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
}

using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// What earlier passes learned about each entry of CniDir, so a pass re-reads only what may have changed: the
/// listing, and per CNI name its identity (device, inode, size, mtime, ctime) when read and the compact parse outcome.
/// A file whose timestamps are within <see cref="RacyWindow"/> of its read is re-read (git's "racily clean" rule: a
/// rewrite within the same timestamp tick leaves size and times unchanged). Bounded by the directory's entries.
/// </summary>
internal sealed class ScanCache
{
    /// <summary>Coarse file system timestamps (and a little skew) cannot tell a change made this close to the read.</summary>
    public static readonly long RacyWindow = 2_000_000_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private SortedSet<string>? _listing;
    private string? _directory;
    private bool _thin;

    private sealed record Entry(FileStatus Identity, long ReadAtNs, ScannedFile File);

    /// <summary>Entries remembered (for tests and the bound: never more than the directory's entries).</summary>
    public int Count => _entries.Count;

    /// <summary>The listing of the last pass over this directory, or null when a full listing is needed.</summary>
    public SortedSet<string>? Listing => _listing;

    /// <summary>Starts a pass; a fresh scan, another directory or another parse mode forgets everything.</summary>
    public void Begin(string directory, bool thin, bool fresh)
    {
        if (fresh || _directory != directory || _thin != thin)
        {
            _entries.Clear();
            _reasons.Clear();
            _listing = null;
        }

        (_directory, _thin) = (directory, thin);
    }

    public void SetListing(SortedSet<string> listing) => _listing = listing;

    /// <summary>The file as last read, when <paramref name="identity"/> shows it unchanged and not too recently changed to trust.</summary>
    public ScannedFile? Find(string name, FileStatus identity) =>
        _entries.TryGetValue(name, out var entry) && entry.Identity == identity &&
        identity.ModifiedNs < entry.ReadAtNs - RacyWindow && identity.ChangedNs < entry.ReadAtNs - RacyWindow
            ? entry.File
            : null;

    /// <summary>The file as last read, whatever its identity now (a notification-driven pass trusts unnamed entries).</summary>
    public ScannedFile? Last(string name) => _entries.TryGetValue(name, out var entry) ? entry.File : null;

    /// <summary>Remembers a file read at <paramref name="readAtNs"/> (wall clock, as file times are), without its bytes or JSON tree.</summary>
    public void Store(ScannedFile file, FileStatus identity, long readAtNs)
    {
        var parsed = file.Parsed?.Compact();
        if (parsed?.Problem is { } problem)
        {
            // Thousands of junk files share a handful of reasons: keep one copy of each.
            parsed = parsed with { Problem = _reasons.TryGetValue(problem, out var shared) ? shared : _reasons[problem] = problem };
        }

        _entries[file.Name] = new Entry(identity, readAtNs, file with { Content = null, Parsed = parsed });
    }

    /// <summary>Keeps the primary's full network (its JSON tree is what a thin output embeds).</summary>
    public void Keep(string name, CniNetwork full)
    {
        if (_entries.TryGetValue(name, out var entry) && entry.File.Parsed?.Network is not null)
        {
            _entries[name] = entry with { File = entry.File with { Parsed = entry.File.Parsed with { Network = full } } };
        }
    }

    public void Forget(string name)
    {
        _entries.Remove(name);
        _listing?.Remove(name);
    }

    /// <summary>Drops what is no longer listed, so the cache never outgrows the directory.</summary>
    public void Prune(IReadOnlySet<string> listed)
    {
        foreach (var name in _entries.Keys.Where(n => !listed.Contains(n)).ToList())
        {
            _entries.Remove(name);
        }

        if (_reasons.Count > 4 * (_entries.Count + 16))
        {
            _reasons.Clear();
        }
    }
}

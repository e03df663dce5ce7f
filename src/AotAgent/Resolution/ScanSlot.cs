using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// One entry of CniDir's listing and what the last pass learned about it (<see cref="ScanCache"/>): the file as last
/// read (compact: no bytes, no JSON tree unless it is the primary) and the identity it had when read.
/// </summary>
internal sealed class ScanSlot(string name)
{
    /// <summary>Coarse file system timestamps (and a little skew) cannot tell a change made this close to the read.</summary>
    public const long RacyWindow = 2_000_000_000;

    public string Name { get; } = name;

    /// <summary>The entry as last looked at; null until a pass looks at it.</summary>
    public ScannedFile? File { get; set; }

    /// <summary>(device, inode, size, mtime, ctime) when <see cref="File"/> was read.</summary>
    public FileStatus Identity { get; set; }

    /// <summary>When it was read (wall clock, in nanoseconds since the epoch, as file times are).</summary>
    public long ReadAtNs { get; set; }

    /// <summary>The 128-bit hash of the bytes <see cref="File"/> was parsed from (zero when it was not read).</summary>
    public UInt128 ContentHash { get; set; }

    /// <summary>Whether the parse depended on nothing but the bytes (no plugin directory was read for it).</summary>
    public bool Plain { get; set; }

    /// <summary>
    /// False when <see cref="File"/> may be stale although the entry looks unchanged: a link (its target changes
    /// elsewhere), a conflist whose plugin directory was read, or an entry a notification named since.
    /// </summary>
    public bool Trusted { get; set; }

    /// <summary>
    /// The file as last parsed, when the bytes just read are the same (by their hash) and its parse depended on nothing
    /// else: a re-read that finds what it found before keeps the same object, so nothing downstream is redone.
    /// </summary>
    public ScannedFile? SameBytes(UInt128 hash, bool wantTree) =>
        Plain && File is { Parsed: { } parsed } file && ContentHash == hash && (!wantTree || parsed.Network is not { Json: null }) ? file : null;

    /// <summary>The file as last read, when <paramref name="identity"/> shows it unchanged and not too recently changed to trust.</summary>
    public ScannedFile? Unchanged(FileStatus identity) =>
        Trusted && File is { } file && Identity == identity &&
        identity.ModifiedNs < ReadAtNs - RacyWindow && identity.ChangedNs < ReadAtNs - RacyWindow
            ? file
            : null;

    /// <summary>Records that the file was read again and found unchanged.</summary>
    public void Refresh(FileStatus identity, long readAtNs, bool trusted) => (Identity, ReadAtNs, Trusted) = (identity, readAtNs, trusted);
}

using System.IO.Abstractions;
using System.IO.Hashing;
using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// Lists and reads CniDir (<see cref="CniEntryReader"/>: regular files only, bounded, links only within it) and parses
/// each CNI name (<see cref="CniConfigParser"/>), re-reading only what may have changed (<see cref="ScanCache"/>).
/// Never chooses from a partial listing. Names that can never count cost one directory entry, not a system call.
/// </summary>
internal sealed partial class CniDirectoryScanner(IFileSystem fileSystem, IFileProbe probe, TimeProvider time, int maxEntries = CniDirectoryScanner.MaxEntries)
{
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>A bound on entries looked at, so a directory stuffed with millions of files cannot stall a pass.</summary>
    public const int MaxEntries = 100_000;

    private readonly CniEntryReader _reader = new(fileSystem, probe);
    private readonly PluginDirectoryReader _plugins = new(fileSystem, probe);

    /// <summary>What earlier passes learned (tests assert its bounds).</summary>
    public ScanCache Cache { get; } = new();

    /// <summary>Files read (opened) by this scanner so far: the cost a cache saves (tests assert on it).</summary>
    public long Reads { get; private set; }

    /// <summary>Files parsed by this scanner so far (a file read again with the same bytes is not parsed again).</summary>
    public long Parses { get; private set; }

    /// <summary>Times this scanner read the whole directory listing (tests assert on it).</summary>
    public long Listings { get; private set; }

    /// <summary>
    /// Scans <paramref name="directory"/> as <paramref name="scope"/> says. Files are handed on compact (no bytes, no
    /// JSON tree), except <paramref name="whole"/> (the primary in force), so a pass over thousands of files never holds
    /// their trees at once.
    /// </summary>
    public ScanResult Scan(string directory, string? readyFile, Func<string, bool> wantsContent, bool thin, ScanScope scope, string? whole = null)
    {
        if (probe.Stat(directory, followLinks: true) is not { Kind: FileKind.Directory } directoryStatus)
        {
            Cache.Begin(directory, thin, fresh: true);
            return ScanResult.Missing;
        }

        Cache.Begin(directory, thin, scope.Everything);
        using var entries = probe.Entries(directory);
        var named = scope.Names is { } names && Cache.HasListing ? names : null;
        var fits = named is not null ? Rename(entries, named) : Relist(directory, directoryStatus);
        if (!fits)
        {
            Cache.Clear();
            return new ScanResult(true, [], ReadyFilePresent(readyFile), TooLarge: true);
        }

        var root = RealPath(directory);
        var plugins = new Dictionary<string, PluginDirectory>(StringComparer.Ordinal);
        var usedPlugins = false;
        PluginDirectory Plugins(string name)
        {
            // libcni joins CniDir and the network name: "" and "." are CniDir itself (other paths out of it are not read).
            var directoryOf = name is "" or "." ? directory : Cache.Find(name) is not null ? fileSystem.Path.Combine(directory, name) : null;
            usedPlugins |= directoryOf is not null;
            return directoryOf is null ? PluginDirectory.None : plugins.TryGetValue(name, out var known) ? known : plugins[name] = _plugins.Read(directoryOf);
        }

        var context = new ParseContext(Plugins, thin, Tree: false);
        var primaryContext = context with { Tree = true };
        var slots = Cache.Slots;
        var files = new List<ScannedFile>(slots.Count);
        HashSet<ScanSlot>? vanished = null;
        foreach (var slot in slots)
        {
            var name = slot.Name;
            if (!ScannedFile.HasCniExtension(name))
            {
                files.Add(slot.File ??= new ScannedFile(name, null, null));
                continue;
            }

            // A notification-driven pass trusts what no notification named.
            if (named is not null && slot is { Trusted: true, File: { } known })
            {
                files.Add(known);
                continue;
            }

            if (entries.Stat(name) is not { } status)
            {
                (vanished ??= []).Add(slot);
                continue;
            }

            if (slot.Unchanged(status) is { } cached)
            {
                files.Add(cached);
                continue;
            }

            var readAt = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            if (!wantsContent(name))
            {
                files.Add(Cache.Store(slot, new ScannedFile(name, null, null, status.Kind == FileKind.Directory), status, readAt, trusted: true, whole: false));
                continue;
            }

            var read = _reader.Read(directory, root, name, status);
            Reads += read.Content is null ? 0 : 1;
            var hash = read.Content is { } bytes ? XxHash128.HashToUInt128(bytes) : default;
            if (read.Content is not null && slot.SameBytes(hash, wantTree: name == whole) is { } same)
            {
                // Read again (a resync, a named or touched file) and found as it was: the same object, not a new parse.
                slot.Refresh(status, readAt, trusted: status.Kind != FileKind.Symlink);
                files.Add(same);
                continue;
            }

            usedPlugins = false;
            var file = Parse(read, name == whole ? primaryContext : context);

            // A link's target and a plugin directory change without this entry changing: such files are read every pass.
            var trusted = status.Kind != FileKind.Symlink && !usedPlugins;
            files.Add(Cache.Store(slot, file, status, readAt, trusted, name == whole, hash, plain: read.Content is not null && !usedPlugins));
        }

        if (vanished is not null)
        {
            Cache.RemoveVanished(vanished);
        }

        return new ScanResult(true, files, ReadyFilePresent(readyFile))
        {
            PluginDirectories = Plugins,
            Index = Cache.Lists,
        };
    }

    /// <summary>Re-reads <paramref name="name"/> whole (its JSON tree is needed and was not kept); null when it no longer parses.</summary>
    public CniNetwork? Reload(string directory, string name, bool thin)
    {
        var path = fileSystem.Path.Combine(directory, name);
        if (probe.Stat(path, followLinks: false) is not { } status)
        {
            return null;
        }

        var read = _reader.Read(directory, RealPath(directory), name, status);
        Reads += read.Content is null ? 0 : 1;
        var file = Parse(read, new ParseContext(_ => PluginDirectory.None, thin));
        return file.Parsed?.Network;
    }

    private ScannedFile Parse(ScannedFile file, ParseContext context)
    {
        if (file.Content is not { } content)
        {
            return file;
        }

        Parses++;
        var network = CniConfigParser.Parse(file.Name, content, context, out var problem);
        return file with { Parsed = new ParseOutcome(network, problem) };
    }

    private bool ReadyFilePresent(string? readyFile) =>
        readyFile is null || fileSystem.File.Exists(readyFile) || fileSystem.Directory.Exists(readyFile);

    private string RealPath(string directory)
    {
        try
        {
            var dir = fileSystem.DirectoryInfo.New(directory);
            return dir.LinkTarget is not null ? dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName : dir.FullName;
        }
        catch (IOException)
        {
            return directory;
        }
    }
}

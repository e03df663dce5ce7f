using System.IO.Abstractions;
using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>
/// Lists and reads CniDir (<see cref="CniEntryReader"/>: regular files only, bounded, links only within it) and parses
/// each CNI name (<see cref="CniConfigParser"/>), re-reading only what may have changed (<see cref="ScanCache"/>).
/// Never chooses from a partial listing. Names that can never count cost one directory entry, not a system call.
/// </summary>
internal sealed class CniDirectoryScanner(IFileSystem fileSystem, IFileProbe probe, TimeProvider time, int maxEntries = CniDirectoryScanner.MaxEntries)
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

    public ScanResult Scan(string directory, string? readyFile, Func<string, bool> wantsContent, bool thin, ScanScope scope)
    {
        if (probe.Stat(directory, followLinks: true) is not { Kind: FileKind.Directory })
        {
            Cache.Begin(directory, thin, fresh: true);
            return ScanResult.Missing;
        }

        Cache.Begin(directory, thin, scope.Everything);
        var recheck = scope.Names is { } named && Cache.Listing is { } known ? named : null;
        var listing = recheck is not null ? Update(Cache.Listing!, directory, recheck) : List(directory);
        if (listing is null)
        {
            Cache.Begin(directory, thin, fresh: true);
            return new ScanResult(true, [], ReadyFilePresent(readyFile), TooLarge: true);
        }

        Cache.SetListing(listing);
        var root = RealPath(directory);
        var plugins = new Dictionary<string, PluginDirectory>(StringComparer.Ordinal);
        var usedPlugins = false;
        PluginDirectory Plugins(string name)
        {
            // libcni joins CniDir and the network name: "" and "." are CniDir itself (other paths out of it are not read).
            var directoryOf = name is "" or "." ? directory : listing.Contains(name) ? fileSystem.Path.Combine(directory, name) : null;
            usedPlugins |= directoryOf is not null;
            return directoryOf is null ? PluginDirectory.None : plugins.TryGetValue(name, out var known) ? known : plugins[name] = _plugins.Read(directoryOf);
        }

        var context = new ParseContext(Plugins, thin);
        var files = new List<ScannedFile>(listing.Count);
        foreach (var name in listing)
        {
            if (!ScannedFile.HasCniExtension(name))
            {
                files.Add(new ScannedFile(name, null, null));
                continue;
            }

            if (recheck is not null && !recheck.Contains(name) && Cache.Last(name) is { } unchanged)
            {
                files.Add(unchanged);
                continue;
            }

            if (probe.Stat(fileSystem.Path.Combine(directory, name), followLinks: false) is not { } status)
            {
                continue;
            }

            if (Cache.Find(name, status) is { } cached)
            {
                files.Add(cached);
                continue;
            }

            usedPlugins = false;
            var file = wantsContent(name) ? Parse(_reader.Read(directory, root, name, status), context) : new ScannedFile(name, null, null, status.Kind == FileKind.Directory, status);
            files.Add(file);

            // A link's target and a plugin directory change without this entry changing: such files are read every pass.
            if (status.Kind != FileKind.Symlink && !usedPlugins)
            {
                Cache.Store(file, status, (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100);
            }
        }

        Cache.Prune(listing);
        return new ScanResult(true, files, ReadyFilePresent(readyFile))
        {
            PluginDirectories = Plugins,
            Index = name => listing.Contains(name) && Cache.Last(name) is not { IsDirectory: true },
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

        var file = Parse(_reader.Read(directory, RealPath(directory), name, status), new ParseContext(_ => PluginDirectory.None, thin));
        return file.Parsed?.Network;
    }

    private ScannedFile Parse(ScannedFile file, ParseContext context)
    {
        if (file.Content is not { } content)
        {
            return file;
        }

        Reads++;
        var network = CniConfigParser.Parse(file.Name, content, context, out var problem);
        return file with { Parsed = new ParseOutcome(network, problem) };
    }

    /// <summary>A full listing in byte order; null when there are more entries than the bound.</summary>
    private SortedSet<string>? List(string directory)
    {
        var names = new SortedSet<string>(Utf8Order.Instance);
        foreach (var path in fileSystem.Directory.EnumerateFileSystemEntries(directory))
        {
            names.Add(fileSystem.Path.GetFileName(path));
            if (names.Count > maxEntries)
            {
                return null;
            }
        }

        return names;
    }

    /// <summary>The last listing with the named entries added or removed as they are now.</summary>
    private SortedSet<string>? Update(SortedSet<string> listing, string directory, IReadOnlySet<string> names)
    {
        foreach (var name in names)
        {
            if (probe.Stat(fileSystem.Path.Combine(directory, name), followLinks: false) is null)
            {
                listing.Remove(name);
            }
            else if (listing.Add(name) && listing.Count > maxEntries)
            {
                return null;
            }
        }

        return listing;
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

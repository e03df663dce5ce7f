using AotAgent.Platform;

namespace AotAgent.Resolution;

/// <summary>Taking the listing whole (unless it is still current) or updating it by name.</summary>
internal sealed partial class CniDirectoryScanner
{
    /// <summary>
    /// Lists the directory in its own order, unless the last listing is still current; false when it holds more entries
    /// than the bound.
    /// </summary>
    private bool Relist(string directory, FileStatus status)
    {
        if (Cache.ListingStillCurrent(status))
        {
            return true;
        }

        var listedAt = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        Listings++;
        var names = new List<string>();
        foreach (var path in fileSystem.Directory.EnumerateFileSystemEntries(directory))
        {
            names.Add(fileSystem.Path.GetFileName(path));
            if (names.Count > maxEntries)
            {
                return false;
            }
        }

        Cache.Relist([.. names]);
        Cache.ListedAs(status, listedAt);
        return true;
    }

    /// <summary>Updates the last listing with the named entries as they are now; false when it outgrows the bound.</summary>
    private bool Rename(IDirectoryEntries entries, IReadOnlySet<string> names)
    {
        foreach (var name in names)
        {
            Cache.Named(name, entries.Stat(name) is not null);
        }

        return Cache.Count <= maxEntries;
    }
}

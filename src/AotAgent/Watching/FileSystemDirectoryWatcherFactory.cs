using System.IO.Abstractions;

namespace AotAgent.Watching;

/// <summary>Unfiltered, non-recursive notifications through <see cref="IFileSystem"/>: any event means "look again".</summary>
internal sealed class FileSystemDirectoryWatcherFactory(IFileSystem fileSystem) : IDirectoryWatcherFactory
{
    public IDisposable Watch(string directory, Action<string?, string?> onEvent, Action<Exception> onError)
    {
        var watcher = fileSystem.FileSystemWatcher.New(directory);
        try
        {
            watcher.IncludeSubdirectories = false;
            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite |
                NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime | NotifyFilters.Security;

            // Bigger than the 8 KiB default so a burst of renames does not overflow the read buffer.
            watcher.InternalBufferSize = 64 * 1024;
            watcher.Created += (_, e) => onEvent(e.Name, null);
            watcher.Changed += (_, e) => onEvent(e.Name, null);
            watcher.Deleted += (_, e) => onEvent(e.Name, null);
            watcher.Renamed += (_, e) => onEvent(e.Name, e.OldName);
            watcher.Error += (_, e) => onError(e.GetException());
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch
        {
            watcher.Dispose();
            throw;
        }
    }
}

using System.IO.Abstractions;

namespace AotAgent.Watching;

/// <summary>Unfiltered, non-recursive notifications through <see cref="IFileSystem"/>: any event means "look again".</summary>
public sealed class FileSystemDirectoryWatcherFactory(IFileSystem fileSystem) : IDirectoryWatcherFactory
{
    public IDisposable Watch(string directory, Action onEvent, Action<Exception> onError)
    {
        var watcher = fileSystem.FileSystemWatcher.New(directory);
        try
        {
            watcher.IncludeSubdirectories = false;
            watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite |
                NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime | NotifyFilters.Security;

            // Bigger than the 8 KiB default so a burst of renames does not overflow the read buffer.
            watcher.InternalBufferSize = 64 * 1024;
            watcher.Created += (_, _) => onEvent();
            watcher.Changed += (_, _) => onEvent();
            watcher.Deleted += (_, _) => onEvent();
            watcher.Renamed += (_, _) => onEvent();
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

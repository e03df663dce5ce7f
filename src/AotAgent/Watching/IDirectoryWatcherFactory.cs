namespace AotAgent.Watching;

/// <summary>
/// The seam around file notifications: <c>MockFileSystem</c> has no watcher, so tests use a fake that fires events
/// and errors on demand. Creating a watcher throws when the directory is missing or inotify is exhausted.
/// </summary>
internal interface IDirectoryWatcherFactory
{
    /// <summary>Starts watching; <paramref name="onEvent"/> gets the entry's name (and the old name of a rename).</summary>
    public IDisposable Watch(string directory, Action<string?, string?> onEvent, Action<Exception> onError);
}

using AotAgent.Watching;

namespace AotAgent.Tests.TestDoubles;

/// <summary>A watcher seam for MockFileSystem: tests fire events and errors, or make creation fail like inotify exhaustion.</summary>
public sealed class FakeDirectoryWatcherFactory : IDirectoryWatcherFactory
{
    private readonly List<FakeWatch> _watches = [];

    /// <summary>When set, Watch throws it (e.g. an IOException as for "inotify instances reached").</summary>
    public Exception? FailWith { get; set; }

    /// <summary>When set, Watch throws what it returns for a directory (null: that directory can be watched).</summary>
    public Func<string, Exception?>? FailFor { get; set; }

    public int Created { get; private set; }

    /// <summary>Every Watch call, failed or not, by directory.</summary>
    public Dictionary<string, int> Attempts { get; } = [];

    /// <summary>Called as each watcher is created, before it is returned (tests record what had happened by then).</summary>
    public Action<string>? OnWatch { get; set; }

    public IReadOnlyList<FakeWatch> Active => _watches.Where(w => !w.Disposed).ToList();

    public IDisposable Watch(string directory, Action<string?, string?> onEvent, Action<Exception> onError)
    {
        Attempts[directory] = Attempts.GetValueOrDefault(directory) + 1;
        if ((FailWith ?? FailFor?.Invoke(directory)) is { } failure)
        {
            throw failure;
        }

        Created++;
        OnWatch?.Invoke(directory);
        var watch = new FakeWatch(directory, onEvent, onError);
        _watches.Add(watch);
        return watch;
    }

    /// <summary>
    /// Fires one event on every live watcher of the directory, for entry <paramref name="name"/> (renamed from
    /// <paramref name="oldName"/>); without a name the agent cannot tell what changed and looks at every entry.
    /// </summary>
    public void Fire(string directory, string? name = null, string? oldName = null)
    {
        foreach (var watch in Active.Where(w => w.Directory == directory))
        {
            watch.OnEvent(name, oldName);
        }
    }

    public void Fail(string directory, Exception error)
    {
        foreach (var watch in Active.Where(w => w.Directory == directory))
        {
            watch.OnError(error);
        }
    }

    public sealed class FakeWatch(string directory, Action<string?, string?> onEvent, Action<Exception> onError) : IDisposable
    {
        public string Directory { get; } = directory;

        public Action<string?, string?> OnEvent { get; } = onEvent;

        public Action<Exception> OnError { get; } = onError;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}

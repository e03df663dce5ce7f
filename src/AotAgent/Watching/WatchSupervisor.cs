using System.IO.Abstractions;
using AotAgent.Platform;

namespace AotAgent.Watching;

/// <summary>
/// Keeps notifications armed on CniDir and the ConfigMap directory. Falls back to polling when a watcher cannot be
/// made, recreates one that reported an error, and rotates both on every resync because a .NET watcher on Linux can die
/// without reporting it (dotnet/runtime#133420): the new one is armed before the old one is dropped. The optional
/// watchers (the ConfigMap directory, CniDir's parent) that cannot be made are tried again at the next rotation, not
/// on every pass: a pass never causes work (or a log line) for the next one.
/// </summary>
internal sealed partial class WatchSupervisor(IFileSystem fileSystem, IFileProbe probe, IDirectoryWatcherFactory factory, ChangeSignal signal, IWatchObserver observer) : IDisposable
{
    private readonly Lock _lock = new();
    private IDisposable? _cniWatcher;
    private string? _cniDir;
    private DirectoryIdentity? _cniIdentity;
    private IDisposable? _parentWatcher;
    private string? _parentDir;
    private IDisposable? _configWatcher;
    private string? _configDir;
    private bool _modeReported;

    public WatchMode Mode { get; private set; } = WatchMode.WaitingForDirectory;

    /// <summary>Why notifications are not in use; null while they are.</summary>
    public string? Detail { get; private set; }

    /// <summary>Arms whatever is missing. With <paramref name="rotate"/>, replaces healthy watchers too.</summary>
    public void Ensure(string cniDir, string configDir, bool rotate)
    {
        lock (_lock)
        {
            // A watcher follows an inode, not a path: after CniDir is removed, replaced or swapped for a symlink the old
            // watcher reports nothing more (and no error), so the directory's identity is checked on every pass.
            if (rotate || _cniWatcher is null || _cniDir != cniDir || DirectoryIdentity.Of(probe, cniDir) != _cniIdentity)
            {
                ArmCni(cniDir);
            }

            if (rotate || _configDir != configDir)
            {
                ArmConfig(configDir);
            }

            var parent = fileSystem.Path.GetDirectoryName(cniDir);
            if (parent is not null && (rotate || _parentDir != parent))
            {
                ArmParent(parent, fileSystem.Path.GetFileName(cniDir));
            }
        }
    }

    /// <summary>Arms whatever is missing; false (and nothing thrown) when that failed, for a caller that retries later.</summary>
    public bool TryEnsure(string cniDir, string configDir)
    {
        try
        {
            Ensure(cniDir, configDir, rotate: false);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Called when a watcher reported an error or its directory vanished: drop them all; the next Ensure re-arms.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _cniWatcher?.Dispose();
            _cniWatcher = null;
            _configWatcher?.Dispose();
            (_configWatcher, _configDir) = (null, null);
            _parentWatcher?.Dispose();
            (_parentWatcher, _parentDir) = (null, null);
        }
    }

    private void ArmCni(string dir)
    {
        var old = _cniWatcher;
        _cniWatcher = null;
        _cniDir = dir;
        _cniIdentity = DirectoryIdentity.Of(probe, dir);
        if (_cniIdentity is null)
        {
            old?.Dispose();
            SetMode(WatchMode.WaitingForDirectory, $"CniDir {dir} does not exist");
            return;
        }

        try
        {
            _cniWatcher = factory.Watch(dir, OnCniEvent, OnError);
            SetMode(WatchMode.Notifications, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            SetMode(WatchMode.Polling, "file notifications unavailable: " + ex.Message);
        }
        finally
        {
            old?.Dispose();
        }
    }

    /// <summary>
    /// CniDir renamed away and replaced (by a new directory or a symlink) raises nothing on CniDir's own watcher; the
    /// parent's watcher sees the rename, and the next pass's identity check re-arms on the new directory. Not fatal
    /// when it cannot be made: the resync still notices, later.
    /// </summary>
    private void ArmParent(string dir, string cniName)
    {
        _parentDir = dir;

        // Only events about CniDir's own name count: a log file written beside CniDir would otherwise wake a pass,
        // whose log line wakes the next one.
        Replace(ref _parentWatcher, () => TryWatch(dir, (name, oldName) =>
        {
            if (name is null || name == cniName || oldName == cniName)
            {
                OnEvent(ChangeKind.CniDirectory);
            }
        }, reportFailure: false));
    }

    /// <summary>A missing ConfigMap directory is fine; the resync re-checks it.</summary>
    private void ArmConfig(string dir)
    {
        _configDir = dir;
        Replace(ref _configWatcher, () => TryWatch(dir, (_, _) => OnEvent(ChangeKind.Configuration), reportFailure: true));
    }

    /// <summary>Arms the new watcher before the old one is dropped, so no event falls in between.</summary>
    private static void Replace(ref IDisposable? slot, Func<IDisposable?> create)
    {
        var old = slot;
        slot = create();
        old?.Dispose();
    }

    private IDisposable? TryWatch(string dir, Action<string?, string?> onEvent, bool reportFailure)
    {
        try
        {
            var watcher = fileSystem.Directory.Exists(dir) ? factory.Watch(dir, onEvent, OnError) : null;
            if (reportFailure && watcher is not null)
            {
                observer.ConfigWatchUnavailable(dir, null);
            }

            return watcher;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            if (reportFailure)
            {
                observer.ConfigWatchUnavailable(dir, ex.Message);
            }

            return null;
        }
    }

    private void SetMode(WatchMode mode, string? detail)
    {
        var changed = !_modeReported || mode != Mode;
        _modeReported = true;
        Mode = mode;
        Detail = detail;
        if (changed)
        {
            observer.ModeChanged(mode, detail);
        }
    }

    public void Dispose() => Invalidate();
}

using AotAgent.Output;
using AotAgent.Resolution;

namespace AotAgent.Watching;

/// <summary>What the watchers report, turned into changes for the loop.</summary>
internal sealed partial class WatchSupervisor
{
    private volatile string? _readyName;

    /// <summary>Names <c>Primary__ReadyFile</c> when it is an entry of CniDir: its events always count.</summary>
    public void SetReadyFile(string cniDir, string? readyFile) =>
        _readyName = readyFile is not null && fileSystem.Path.GetDirectoryName(readyFile) == cniDir.TrimEnd('/') ? fileSystem.Path.GetFileName(readyFile) : null;

    /// <summary>
    /// The agent's own temp file (created, written, renamed over the output) would wake a second pass after every
    /// write; those events are dropped by name. So are events that only touch inert names (<see cref="IsInert"/>): a
    /// writer's hidden temp file would otherwise cost a pass just before the one its rename causes. Every other event,
    /// including one on the output itself, still counts.
    /// </summary>
    private void OnCniEvent(string? name, string? oldName)
    {
        if (name is not null && (AtomicFileWriter.IsTempFile(name) || (oldName is not null && AtomicFileWriter.IsTempFile(oldName))))
        {
            return;
        }

        if (name is not null && IsInert(name) && (oldName is null || IsInert(oldName)))
        {
            observer.EventReceived();
            return;
        }

        OnEvent(ChangeKind.CniDirectory, name, oldName);
    }

    /// <summary>
    /// A hidden name without a CNI extension can change nothing a pass decides: the runtime loads only .conf, .conflist
    /// and .json names, hidden names are never candidates, and a plugin directory is named after a network, which the
    /// agent refuses when it starts with '.'. The ready file is the exception. The resync looks at everything anyway.
    /// </summary>
    private bool IsInert(string name) => name.StartsWith('.') && !ScannedFile.HasCniExtension(name) && name != _readyName;

    private void OnEvent(ChangeKind kind, string? name = null, string? oldName = null)
    {
        observer.EventReceived();
        signal.Raise(kind, name, oldName);
    }

    private void OnError(Exception? ex)
    {
        observer.WatcherFailed(ex?.Message ?? "unknown error");
        signal.Raise(ChangeKind.WatcherFailed | ChangeKind.CniDirectory | ChangeKind.Configuration);
    }
}

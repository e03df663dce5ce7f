using AotAgent.Output;

namespace AotAgent.Watching;

/// <summary>What the watchers report, turned into changes for the loop.</summary>
internal sealed partial class WatchSupervisor
{
    /// <summary>
    /// The agent's own temp file (created, written, renamed over the output) would wake a second pass after every
    /// write; those events are dropped by name. Every other event, including one on the output itself, still counts.
    /// </summary>
    private void OnCniEvent(string? name, string? oldName)
    {
        if (name is not null && (AtomicFileWriter.IsTempFile(name) || (oldName is not null && AtomicFileWriter.IsTempFile(oldName))))
        {
            return;
        }

        OnEvent(ChangeKind.CniDirectory, name, oldName);
    }

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

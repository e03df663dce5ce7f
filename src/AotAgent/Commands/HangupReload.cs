namespace AotAgent.Commands;

/// <summary>
/// SIGHUP, taken over on the first line of <c>Main</c> (its default action would end the process): the daemon re-reads
/// its configuration, as a ConfigMap change makes it do. Until the daemon's loop is attached (start-up, or a verb that
/// is not the daemon) a SIGHUP does nothing: the configuration is read at start anyway.
/// </summary>
internal sealed class HangupReload
{
    private Action? _handler;

    /// <summary>Called from the signal handler: true when a reload was asked of the daemon.</summary>
    public bool Request()
    {
        var handler = Volatile.Read(ref _handler);
        handler?.Invoke();
        return handler is not null;
    }

    /// <summary>Routes SIGHUP to <paramref name="handler"/> until the returned object is disposed.</summary>
    public IDisposable Attach(Action handler)
    {
        Volatile.Write(ref _handler, handler);
        return new Detach(this, handler);
    }

    private sealed class Detach(HangupReload owner, Action handler) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref owner._handler, null, handler);
    }
}

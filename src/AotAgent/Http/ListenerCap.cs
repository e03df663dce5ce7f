using AotAgent.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace AotAgent.Http;

/// <summary>
/// One listener's connection cap, as connection middleware: past <paramref name="limit"/> open connections a new one is
/// closed at accept (FIN, or RST when it had sent bytes), before a byte of it is parsed. Each listener has its own
/// counter, so filling one cannot starve another. Refusals are counted in metrics and logged when they start, then at
/// most once per <see cref="HttpLimits.RejectionLogInterval"/> with the count since: a flood cannot flood the log.
/// </summary>
internal sealed class ListenerCap(string listener, int limit, AgentMetrics metrics, LoadTrim load, TimeProvider time, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Gauge.Child _openGauge = metrics.HttpConnections.WithLabels(listener);
    private readonly Counter.Child _refusedCounter = metrics.HttpConnectionsRefused.WithLabels(listener);
    private int _open;
    private long _refusedSinceLog;
    private long? _lastLog;

    public string Listener => listener;

    public int Limit => limit;

    /// <summary>Connections open right now (admitted ones only).</summary>
    public int Open => Volatile.Read(ref _open);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (!TryEnter())
        {
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            Leave();
        }
    };

    /// <summary>Admits a connection, or counts it refused.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref _open) > limit)
        {
            Interlocked.Decrement(ref _open);
            Refused();
            return false;
        }

        _openGauge.Inc();
        load.Opened();
        return true;
    }

    public void Leave()
    {
        Interlocked.Decrement(ref _open);
        _openGauge.Dec();
        load.Closed();
    }

    private void Refused()
    {
        _refusedCounter.Inc();
        load.Refused();
        lock (_lock)
        {
            _refusedSinceLog++;
            var now = time.GetTimestamp();
            if (_lastLog is { } last && time.GetElapsedTime(last, now) < HttpLimits.RejectionLogInterval)
            {
                return;
            }

            logger.HttpConnectionsRefused(listener, limit, _refusedSinceLog);
            _refusedSinceLog = 0;
            _lastLog = now;
        }
    }
}

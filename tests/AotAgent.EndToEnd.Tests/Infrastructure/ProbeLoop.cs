using System.Collections.Concurrent;
using System.Text;

namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the kubelet does to the probe listener: a fresh connection and <c>GET /healthz</c> every 250 ms, each with a
/// 5 s timeout (the chart's timeoutSeconds is 2; generous here, because the box may be busy with other builds).
/// </summary>
public sealed class ProbeLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Task _loop;
    private int _ok;

    public ProbeLoop(int port)
    {
        _loop = Task.Run(async () =>
        {
            var request = Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            while (!_stop.IsCancellationRequested)
            {
                var line = await RawHttp.ExchangeAsync(port, request, TimeSpan.FromSeconds(5));
                if (RawHttp.StatusCode(line) == 200)
                {
                    Interlocked.Increment(ref _ok);
                }
                else
                {
                    _failures.Enqueue(line);
                }

                try
                {
                    await Task.Delay(250, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public int Ok => Volatile.Read(ref _ok);

    public IReadOnlyCollection<string> Failures => _failures;

    public int Total => Ok + _failures.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

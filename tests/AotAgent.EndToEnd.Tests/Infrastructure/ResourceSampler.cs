namespace AotAgent.EndToEnd.Tests.Infrastructure;

/// <summary>Samples a process's VmRSS and descriptor count every 50 ms in the background and keeps the peaks.</summary>
public sealed class ResourceSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakRssKiB;
    private int _peakFds;
    private int _samples;

    public ResourceSampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakRssKiB => Interlocked.Read(ref _peakRssKiB);

    public int PeakFds => Volatile.Read(ref _peakFds);

    public int Samples => Volatile.Read(ref _samples);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var rss = ProcStats.RssKiB(_pid);
            var fds = ProcStats.Fds(_pid);
            if (rss > PeakRssKiB)
            {
                Interlocked.Exchange(ref _peakRssKiB, rss);
            }

            if (fds > PeakFds)
            {
                Volatile.Write(ref _peakFds, fds);
            }

            Interlocked.Increment(ref _samples);
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

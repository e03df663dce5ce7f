using AotAgent.Http;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Http;

/// <summary>Issue 11: after a burst of HTTP load ends, one collection hands the memory back; ordinary traffic rarely triggers it.</summary>
public sealed class LoadTrimTests
{
    private readonly FakeTimeProvider _time = new();
    private int _collections;

    private LoadTrim Create() => new(_time, () => Interlocked.Increment(ref _collections));

    private static void OneAtATime(LoadTrim sut, int connections)
    {
        for (var i = 0; i < connections; i++)
        {
            sut.Opened();
            sut.Request();
            sut.Closed();
        }
    }

    [Fact]
    public async Task ManyAtOnce_ThenQuiet_OneCollectionAfterTheQuietPeriod()
    {
        var sut = Create();
        for (var i = 0; i < LoadTrim.BurstConnections; i++)
        {
            sut.Opened();
        }

        for (var i = 0; i < LoadTrim.BurstConnections; i++)
        {
            sut.Closed();
        }

        _time.Advance(LoadTrim.Quiet - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _collections);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitFor(() => sut.Trims == 1);

        // Ordinary traffic afterwards: nothing more.
        OneAtATime(sut, 100);
        _time.Advance(LoadTrim.Quiet * 2);
        Assert.Equal(1, _collections);
    }

    [Fact]
    public async Task ARefusedConnection_IsABurst_ButNoCollectionWhileAConnectionIsOpen()
    {
        var sut = Create();
        sut.Opened();
        sut.Refused();
        sut.Opened();
        sut.Closed();
        _time.Advance(LoadTrim.Quiet * 3);
        Assert.Equal(0, _collections);

        sut.Closed();
        _time.Advance(LoadTrim.Quiet);
        await WaitFor(() => sut.Trims == 1);
    }

    [Fact]
    public async Task KeepAliveRequestsPastTheActivityBound_AreABurst()
    {
        var sut = Create();
        sut.Opened();
        for (var i = 0; i < LoadTrim.BurstActivity; i++)
        {
            sut.Request();
        }

        sut.Closed();
        _time.Advance(LoadTrim.Quiet);
        await WaitFor(() => sut.Trims == 1);
    }

    [Fact]
    public async Task SequentialRequestsPastTheBound_CollectedQuietAfterTheLastOne_NotInAGapBefore()
    {
        var sut = Create();
        OneAtATime(sut, LoadTrim.BurstActivity);

        // The spell goes on, one scrape at a time, for longer than Quiet: no collection inside it.
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(LoadTrim.Quiet / 2);
            OneAtATime(sut, 1);
        }

        await Task.Delay(50);
        Assert.Equal(0, _collections);

        // Quiet after the last request: collected, once.
        _time.Advance(LoadTrim.Quiet);
        await WaitFor(() => sut.Trims == 1);
        _time.Advance(LoadTrim.Quiet * 3);
        await Task.Delay(50);
        Assert.Equal(1, _collections);
    }

    [Fact]
    public void OrdinaryScrapesAndProbes_NoCollection()
    {
        var sut = Create();
        OneAtATime(sut, (LoadTrim.BurstActivity / 2) - 1);
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _collections);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

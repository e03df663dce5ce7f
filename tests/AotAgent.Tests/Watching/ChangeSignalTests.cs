using AotAgent.Watching;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Watching;

public sealed class ChangeSignalTests
{
    [Fact]
    public async Task WaitAsync_BurstOfEvents_FoldsIntoOneWakeWithAllKinds()
    {
        var time = new FakeTimeProvider();
        var sut = new ChangeSignal(time);
        for (var i = 0; i < 1000; i++)
        {
            sut.Raise(ChangeKind.CniDirectory);
        }

        sut.Raise(ChangeKind.Configuration);

        var first = await sut.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(ChangeKind.CniDirectory | ChangeKind.Configuration, first);

        // Nothing left: the next wait ends only by its timeout.
        var second = sut.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ChangeKind.None, await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_EventDuringWait_WakesAtOnce()
    {
        var sut = new ChangeSignal(new FakeTimeProvider());
        var wait = sut.WaitAsync(TimeSpan.FromHours(1), CancellationToken.None);
        sut.Raise(ChangeKind.CniDirectory);
        Assert.Equal(ChangeKind.CniDirectory, await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Queued_KeepsTheOldestUntilTakenAndTheLatestWallTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var sut = new ChangeSignal(time);
        Assert.Null(sut.QueuedSince);
        Assert.Null(sut.LastQueued);

        sut.Raise(ChangeKind.CniDirectory);
        var first = sut.QueuedSince;
        time.Advance(TimeSpan.FromSeconds(7));
        sut.Raise(ChangeKind.CniDirectory);

        Assert.Equal(first, sut.QueuedSince);
        Assert.Equal(TimeSpan.FromSeconds(7), time.GetElapsedTime(first!.Value));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 7, TimeSpan.Zero), sut.LastQueued);
        Assert.Equal(first, sut.TakeQueued());
        Assert.Null(sut.QueuedSince);
        Assert.Null(sut.TakeQueued());

        time.Advance(TimeSpan.FromSeconds(1));
        sut.Queued();
        Assert.Equal(TimeSpan.Zero, time.GetElapsedTime(sut.QueuedSince!.Value));
    }
}

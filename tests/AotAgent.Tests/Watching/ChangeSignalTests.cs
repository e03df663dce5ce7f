using AotAgent.Watching;
using Microsoft.Extensions.Time.Testing;

namespace AotAgent.Tests.Watching;

public sealed class ChangeSignalTests
{
    [Fact]
    public async Task WaitAsync_BurstOfEvents_FoldsIntoOneWakeWithAllKinds()
    {
        var sut = new ChangeSignal();
        for (var i = 0; i < 1000; i++)
        {
            sut.Raise(ChangeKind.CniDirectory);
        }

        sut.Raise(ChangeKind.Configuration);
        var time = new FakeTimeProvider();

        var first = await sut.WaitAsync(TimeSpan.FromSeconds(30), time, CancellationToken.None);
        Assert.Equal(ChangeKind.CniDirectory | ChangeKind.Configuration, first);

        // Nothing left: the next wait ends only by its timeout.
        var second = sut.WaitAsync(TimeSpan.FromSeconds(30), time, CancellationToken.None);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(ChangeKind.None, await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task WaitAsync_EventDuringWait_WakesAtOnce()
    {
        var sut = new ChangeSignal();
        var wait = sut.WaitAsync(TimeSpan.FromHours(1), new FakeTimeProvider(), CancellationToken.None);
        sut.Raise(ChangeKind.CniDirectory);
        Assert.Equal(ChangeKind.CniDirectory, await wait.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
